from axes.utils import reset as reset_failed_sign_ins
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles
from .models import User


@admin.register(User)
class RegistryUserAdmin(UserAdmin):
    """Django's user admin, with the officer's regions, two-step verification and lifting a
    sign-in block. Roles are the groups Coordinator, Regional officer and Platform editor."""

    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Regional officer"), {"fields": ("regions",)}),
        (_("Two-step verification"), {"fields": ("otp_required",)}),
    )
    filter_horizontal = (*UserAdmin.filter_horizontal, "regions")
    list_display = (*UserAdmin.list_display, "otp_required", "authenticator_set_up")
    list_filter = (*UserAdmin.list_filter, "groups", "regions", "otp_required")
    actions = ("lift_sign_in_block",)

    def get_queryset(self, request):
        confirmed_devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_authenticator=Exists(confirmed_devices))

    def has_change_permission(self, request, obj=None):
        # Also guards the password page, which Django opens to whoever may change the user.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.may_manage_account(request.user, obj))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = roles.grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        # Only superusers make superusers or grant single permissions; the coordinator manages
        # officers through groups and regions, and decides who must use two-step verification.
        if not request.user.is_superuser:
            readonly += ("is_superuser", "user_permissions")
        if not roles.is_coordinator(request.user):
            readonly += ("otp_required",)
        return readonly

    @admin.display(boolean=True, description=_("authenticator app"), ordering="has_authenticator")
    def authenticator_set_up(self, user):
        return user.has_authenticator

    @admin.action(
        description=_("Lift the sign-in block of the selected users"), permissions=["change"]
    )
    def lift_sign_in_block(self, request, queryset):
        usernames = list(queryset.values_list("username", flat=True))
        cleared = sum(reset_failed_sign_ins(username=username) for username in usernames)
        self.message_user(
            request,
            ngettext(
                "Cleared %(count)d record of failed sign-ins; the users can sign in again.",
                "Cleared %(count)d records of failed sign-ins; the users can sign in again.",
                cleared,
            )
            % {"count": cleared},
        )

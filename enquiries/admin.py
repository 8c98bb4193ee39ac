"""Enquiries in the admin, read-only: the coordinator sees every one, a regional officer those
with a recipient in their regions (``EnquiryQuerySet.visible_to``), nobody else any. Only the
coordinator deletes one (a request under the data protection rules), through the same service
as the sender's own link."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import roles

from .models import Enquiry, EnquiryRecipient, EnquiryTally
from .services import enquiry_delete


def _reads_enquiries(user) -> bool:
    return roles.is_coordinator(user) or bool(roles.region_ids(user))


class NoWrites:
    """Nobody adds, changes or deletes these records in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWrites, admin.ModelAdmin):
    """Seen by the coordinator and regional officers; changed by nobody."""

    def has_module_permission(self, request):
        return _reads_enquiries(request.user)

    def has_view_permission(self, request, obj=None):
        return _reads_enquiries(request.user)


class RecipientInline(NoWrites, admin.TabularInline):
    model = EnquiryRecipient
    fields = ("platform", "cluster", "region", "route")
    readonly_fields = fields
    extra = 0


@admin.register(Enquiry)
class EnquiryAdmin(ReadOnlyAdmin):
    list_display = ("created", "company_name", "recipient_names", "region", "confirmed")
    list_filter = ("reply_language", ("confirmed", admin.EmptyFieldListFilter))
    search_fields = ("company_name", "contact_name", "email", "message")
    date_hierarchy = "created"
    fields = (
        "created", "confirmed", "company_name", "business_id", "contact_name", "email",
        "phone", "region", "reply_language", "language", "message", "consented",
    )  # fmt: skip
    readonly_fields = fields
    inlines = (RecipientInline,)

    def get_queryset(self, request):
        return Enquiry.objects.visible_to(request.user).for_list()

    def has_delete_permission(self, request, obj=None):
        return roles.is_coordinator(request.user)

    @admin.display(description=_("recipients"))
    def recipient_names(self, enquiry):
        return "; ".join(str(recipient) for recipient in enquiry.recipients.all())

    def delete_model(self, request, obj):
        enquiry_delete(enquiry=obj)

    def delete_queryset(self, request, queryset):
        for enquiry in queryset:
            enquiry_delete(enquiry=enquiry)


@admin.register(EnquiryTally)
class EnquiryTallyAdmin(ReadOnlyAdmin):
    list_display = ("month", "region", "sender_region", "entry_type", "route", "recipients")
    list_filter = ("region", "entry_type", "route")
    date_hierarchy = "month"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region", "sender_region")

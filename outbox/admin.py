"""The outbox in the admin: the coordinator sees what was sent, what waits and what failed,
and queues failed e-mails again. Others do not see it: it holds every enquiry."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import roles

from .models import Email
from .services import emails_retry


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ("created", "to", "subject", "status", "attempts", "next_attempt", "sent")
    list_filter = ("status",)
    search_fields = ("to", "subject", "reference")
    date_hierarchy = "created"
    fields = (
        "created", "status", "to", "reply_to", "subject", "language", "body", "attempts",
        "next_attempt", "sent", "last_error", "message_id", "reference",
    )  # fmt: skip
    readonly_fields = fields
    actions = ("send_again",)

    def has_module_permission(self, request):
        return roles.is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_coordinator(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return roles.is_coordinator(request.user)

    @admin.action(description=_("Send the selected e-mails again now"), permissions=["retry"])
    def send_again(self, request, queryset):
        count = emails_retry(emails=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail queued to be sent again.",
                "%(count)d e-mails queued to be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

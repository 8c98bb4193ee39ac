"""Enquiries in the admin: the coordinator sees every one, a regional officer those with a
recipient in their regions (``EnquiryQuerySet.visible_to``), nobody else any.

The enquiry itself is read-only. What officers do is follow it up: the list shows each
recipient's answer and filters the enquiries waiting for one and those routed to the officers
for lack of a contact; on an enquiry's page an officer of the recipient's region (or the
coordinator) forwards an unanswered recipient to an address, or answers on its behalf, through
the same service as the recipient's own link (``recipient_answer``), and every change of state
is listed with its time and who made it. Only the coordinator deletes an enquiry (a request
under the data protection rules), through the same service as the sender's own link."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from accounts import roles

from .forms import AnswerForm
from .models import (
    OPEN,
    Actor,
    Enquiry,
    EnquiryEvent,
    EnquiryRecipient,
    EnquiryTally,
    Route,
    Status,
)
from .services import NotOpen, enquiry_delete, recipient_answer


def _reads_enquiries(user) -> bool:
    return roles.is_coordinator(user) or bool(roles.region_ids(user))


def may_follow_up(user, recipient: EnquiryRecipient) -> bool:
    """Whether ``user`` may forward or answer for ``recipient``: the coordinator, and the
    officers of its region, while it is open."""
    in_scope = roles.is_coordinator(user) or recipient.region_id in roles.region_ids(user)
    return in_scope and recipient.is_open


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


class ReadOnlyInline(NoWrites, admin.TabularInline):
    """Shown to whoever reads the enquiry, without a model permission of its own."""

    extra = 0

    def has_view_permission(self, request, obj=None):
        return _reads_enquiries(request.user)


class RecipientInline(ReadOnlyInline):
    model = EnquiryRecipient
    fields = (
        "platform", "cluster", "region", "route", "status", "forwarded_to", "answered",
        "reminded", "company_told",
    )  # fmt: skip
    readonly_fields = fields
    extra = 0


class EventInline(ReadOnlyInline):
    model = EnquiryEvent
    verbose_name_plural = _("history")
    fields = ("created", "recipient", "kind", "who", "message", "forwarded_to")
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user", "recipient__platform", "recipient__cluster")
        )

    @admin.display(description=_("by"))
    def who(self, event):
        return event.who


class AnswerFilter(admin.SimpleListFilter):
    """Enquiries with a recipient of the officer's regions that has not answered, or that the
    registry routed to the officers for lack of a contact."""

    title = _("follow-up")
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [
            ("open", _("waiting for an answer")),
            ("to_forward", _("routed to the officers, not yet forwarded or answered")),
        ]

    def queryset(self, request, queryset):
        if self.value() not in ("open", "to_forward"):
            return queryset
        recipients = EnquiryRecipient.objects.filter(enquiry=OuterRef("pk"), status__in=OPEN)
        if not roles.is_coordinator(request.user):
            recipients = recipients.filter(region__in=roles.region_ids(request.user))
        if self.value() == "to_forward":
            recipients = recipients.filter(route=Route.OFFICERS, status=Status.WAITING)
        return queryset.filter(Exists(recipients), closed__isnull=True)


@admin.register(Enquiry)
class EnquiryAdmin(ReadOnlyAdmin):
    list_display = ("created", "company_name", "recipient_states", "region", "confirmed", "closed")
    list_filter = (
        AnswerFilter,
        "reply_language",
        ("confirmed", admin.EmptyFieldListFilter),
        ("closed", admin.EmptyFieldListFilter),
    )
    search_fields = ("company_name", "contact_name", "email", "message")
    date_hierarchy = "created"
    fields = (
        "created", "confirmed", "closed", "company_name", "business_id", "contact_name",
        "email", "phone", "region", "reply_language", "language", "message", "consented",
    )  # fmt: skip
    readonly_fields = fields
    inlines = (RecipientInline, EventInline)
    change_form_template = "admin/enquiries/enquiry_change_form.html"

    def get_queryset(self, request):
        return Enquiry.objects.visible_to(request.user).for_list()

    def has_delete_permission(self, request, obj=None):
        return roles.is_coordinator(request.user)

    @admin.display(description=_("recipients and answers"))
    def recipient_states(self, enquiry):
        return format_html_join(
            "",
            "<div>{}: {}</div>",
            (
                (recipient.entry, recipient.get_status_display())
                for recipient in enquiry.recipients.all()
            ),
        )

    def delete_model(self, request, obj):
        enquiry_delete(enquiry=obj)

    def delete_queryset(self, request, queryset):
        for enquiry in queryset:
            enquiry_delete(enquiry=enquiry)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The enquiry, with a link to forward or answer each recipient ``request.user`` may
        follow up."""
        recipients = EnquiryRecipient.objects.select_related(
            "enquiry", "platform", "cluster"
        ).filter(enquiry_id=object_id if str(object_id).isdigit() else None)
        follow_up = [
            {
                "recipient": recipient,
                "url": reverse(
                    "admin:enquiries_enquiry_answer", args=[recipient.enquiry_id, recipient.pk]
                ),
            }
            for recipient in recipients
            if may_follow_up(request.user, recipient)
        ]
        extra_context = {**(extra_context or {}), "follow_up": follow_up}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:enquiry_id>/recipient/<int:recipient_id>/answer/",
                self.admin_site.admin_view(self.answer_view),
                name="enquiries_enquiry_answer",
            ),
            *super().get_urls(),
        ]

    def answer_view(self, request, enquiry_id, recipient_id):
        """Forward a recipient's enquiry to an address, or answer on its behalf."""
        enquiry = get_object_or_404(self.get_queryset(request), pk=enquiry_id)
        recipient = get_object_or_404(
            EnquiryRecipient.objects.select_related(
                "enquiry", "platform__region", "cluster__region"
            ),
            pk=recipient_id,
            enquiry=enquiry,
        )
        if not may_follow_up(request.user, recipient):
            raise PermissionDenied
        form = AnswerForm(request.POST or None)
        change = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                recipient_answer(
                    recipient=recipient,
                    answer=data["answer"],
                    message=data["message"],
                    forward_to=data["forward_to"],
                    actor=Actor.STAFF,
                    user=request.user,
                )
            except NotOpen:
                messages.error(request, _("It was answered or closed meanwhile."))
            else:
                messages.success(request, _("Done: the company was told by e-mail."))
            return redirect(change)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Forward or answer: %(entry)s") % {"entry": recipient.entry},
            "enquiry": enquiry,
            "recipient": recipient,
            "form": form,
            "change_url": change,
        }
        return TemplateResponse(
            request,
            "admin/enquiries/answer.html",
            context,
            status=400 if form.is_bound else 200,
        )


@admin.register(EnquiryTally)
class EnquiryTallyAdmin(ReadOnlyAdmin):
    list_display = ("month", "region", "sender_region", "entry_type", "route", "recipients")
    list_filter = ("region", "entry_type", "route")
    date_hierarchy = "month"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region", "sender_region")

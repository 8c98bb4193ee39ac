"""The officers' side: proposals reviewed beside the current entry, update invitations sent one
by one or for many platforms at once, and platform editors' changes of published platforms
kept as proposals."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import roles
from clusters.models import Cluster
from entries.admin import not_saved_by_formset
from entries.dashboard import gaps_of
from platforms.models import InnovationPlatform, PlatformService

from .models import (
    OFFER_COLUMNS,
    Decision,
    Invitation,
    Proposal,
    columns_for,
    offer_key,
    offer_of_key,
)
from .services import (
    invitation_language,
    invitation_send,
    proposal_accept,
    proposal_from_editor,
    proposal_return,
    service_links,
)


def _display(field, value):
    """A stored value as the review shows it: labels of choices, lists joined."""
    if value in (None, "", []):
        return ""
    if hasattr(field, "labels"):
        return ", ".join(str(label) for label in field.labels(value))
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


class ProposalAdmin(admin.ModelAdmin):
    """Proposals: the list for the officers of each region, and the review of one."""

    list_display = ("__str__", "region", "proposer_name", "created", "decision")
    list_filter = ("decision", "kind", "region")
    list_select_related = ("platform", "cluster", "region")
    date_hierarchy = "created"

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_module_permission(self, request):
        return request.user.is_staff and (
            roles.may_review(request.user) or roles.is_editor(request.user)
        )

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:object_id>/change/", review, name="proposals_proposal_change"),
            *super().get_urls(),
        ]

    def rows(self, proposal):
        """Each proposed column beside the current value: label, now, proposed."""
        stored = proposal.entry
        model = type(stored) if stored else InnovationPlatform
        columns = columns_for(model)
        links = service_links(stored) if isinstance(stored, InnovationPlatform) else {}
        rows = []
        for column in [c for c in columns if c in proposal.values] + [
            c for c in proposal.values if c not in columns
        ]:
            offer = offer_of_key(column)
            if offer:
                slug, name = offer
                field = PlatformService._meta.get_field(name)
                link = links.get(slug)
                current = getattr(link, name) if link else None
                service = link.service if link else slug
                label = f"{service} – {field.verbose_name}"
            else:
                field = model._meta.get_field(column)
                current = getattr(stored, column) if stored else None
                label = field.verbose_name
            rows.append(
                {
                    "column": column,
                    "label": label,
                    "current": _display(field, current),
                    "proposed": _display(field, proposal.values[column]),
                    "accepted": column in proposal.accepted,
                }
            )
        return rows

    def review_view(self, request, object_id):
        proposal = get_object_or_404(
            Proposal.objects.visible_to(request.user).select_related(
                "platform", "cluster", "region"
            ),
            pk=object_id,
        )
        if not self.has_view_permission(request, proposal):
            raise PermissionDenied
        may_decide = (
            proposal.decision == Decision.PENDING
            and proposal.entry is not None
            and roles.may_publish(request.user, proposal.entry)
        )
        if request.method == "POST" and may_decide:
            try:
                if "return" in request.POST:
                    proposal_return(
                        proposal=proposal,
                        comment=request.POST.get("comment", ""),
                        user=request.user,
                    )
                    self.message_user(
                        request, _("The proposal was returned with your comment."), messages.SUCCESS
                    )
                else:
                    proposal_accept(
                        proposal=proposal,
                        columns=request.POST.getlist("accept"),
                        user=request.user,
                    )
                    self.message_user(
                        request,
                        _("The accepted values were saved and the proposer thanked."),
                        messages.SUCCESS,
                    )
                return redirect(reverse("admin:proposals_proposal_changelist"))
            except (ValidationError, roles.Refusal) as error:
                text = (
                    error.message
                    if isinstance(error, roles.Refusal)
                    else " ".join(
                        message for messages_ in _messages(error) for message in messages_
                    )
                )
                self.message_user(request, text, messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(proposal),
            "proposal": proposal,
            "entry_url": _change_url(proposal.entry),
            "rows": self.rows(proposal),
            "may_decide": may_decide,
        }
        return TemplateResponse(request, "admin/proposals/proposal/review.html", context)


def _change_url(entry):
    if entry is None:
        return ""
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


def _messages(error):
    if hasattr(error, "message_dict"):
        return [
            [f"{name}: {message}" if name != "__all__" else message for message in messages_]
            for name, messages_ in error.message_dict.items()
        ]
    return [error.messages]


class InvitationForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Leave empty to use the platform's general e-mail or its contact's."),
    )

    class Meta:
        model = Invitation
        fields = ["platform", "email", "language"]


class InvitationAdmin(admin.ModelAdmin):
    """Update invitations: who was asked when, and who has not answered in 30 days."""

    form = InvitationForm
    list_display = ("platform", "email", "language", "sent", "answered", "is_overdue")
    list_filter = ("platform__region",)
    list_select_related = ("platform",)
    autocomplete_fields = ("platform",)
    date_hierarchy = "sent"

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_module_permission(self, request):
        return request.user.is_staff and roles.may_review(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        invite_missing = self.admin_site.admin_view(self.invite_missing_view)
        return [
            path(
                "invite-missing-contact/",
                invite_missing,
                name="proposals_invitation_invite_missing",
            ),
            *super().get_urls(),
        ]

    def invite_missing_view(self, request):
        """The coordinator invites, in one action, every published platform with a missing
        contact (the dashboard's gap) that has an address to write to."""
        if request.method != "POST" or not roles.is_coordinator(request.user):
            raise PermissionDenied
        _label, missing = gaps_of(InnovationPlatform)["contact"]
        platforms = InnovationPlatform.objects.published().filter(missing).order_by("pk")
        invite(self, request, platforms)
        return redirect(reverse("admin:index"))

    @admin.display(boolean=True, description=_("no answer in 30 days"))
    def is_overdue(self, invitation):
        return Invitation.objects.overdue().filter(pk=invitation.pk).exists()

    def save_model(self, request, obj, form, change):
        sent = invitation_send(
            platform=obj.platform,
            user=request.user,
            language=obj.language,
            email=form.cleaned_data.get("email", ""),
        )
        obj.pk = sent.pk

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        user = request.user

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                platform = cleaned.get("platform")
                if platform is None:
                    return cleaned
                if not roles.may_change(user, platform):
                    self.add_error("platform", _("This platform is not in your regions."))
                elif not (cleaned.get("email") or platform.general_email or platform.contact_email):
                    self.add_error(
                        "email", _("The platform has no e-mail address on record: give one.")
                    )
                return cleaned

        return CheckedForm


@admin.action(description=_("Invite the selected platforms to update their profiles"))
def invite(modeladmin, request, queryset):
    """One invitation per selected platform that has an address and that the user may change,
    in the platform's language (``invitation_language``; the officer can send another
    language one by one)."""
    sent = skipped = 0
    for platform in queryset:
        try:
            invitation_send(
                platform=platform, user=request.user, language=invitation_language(platform)
            )
            sent += 1
        except (ValidationError, roles.Refusal):
            skipped += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent)
        % {"count": sent},
        messages.SUCCESS,
    )
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d platform was left out: no e-mail address on record, or not yours.",
                "%(count)d platforms were left out: no e-mail address on record, or not yours.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )


class ProposingMixin:
    """Mixed into the admins of platforms and clusters: an editor's change of a published
    entry kept as a proposed change (``roles.changes_need_review``), and the proposals on the
    entry's history page."""

    proposes_changes = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        stored = self.stored(obj)
        if not roles.changes_need_review(request.user, stored):
            return form
        columns = columns_for(self.model)

        class ProposalForm(form):
            def clean(self):
                cleaned = super().clean()
                outside = [name for name in self.changed_data if name not in columns]
                if outside:
                    labels = ", ".join(str(self.fields[name].label) for name in outside)
                    self.add_error(
                        None,
                        _(
                            "A change of a published entry waits for the officers' review and "
                            "can hold only its texts, contact and terms; not: %(fields)s."
                        )
                        % {"fields": labels},
                    )
                return cleaned

        return ProposalForm

    def save_related(self, request, form, formsets, change, links=None):
        # The form's instance carries the edited values: the rule asks the stored entry.
        model = self.model
        stored = model._default_manager.filter(pk=form.instance.pk).first() if change else None
        if stored is not None and roles.changes_need_review(request.user, stored):
            columns = columns_for(model)
            values = {c: form.cleaned_data[c] for c in columns if c in form.cleaned_data}
            for formset in formsets:
                values.update(_proposed_offers(formset))
            form.instance._proposal = proposal_from_editor(
                entry=form.instance, values=values, user=request.user, language=get_language()
            )
            form.instance._proposed = True
            return
        super().save_related(request, form, formsets, change, links=links)

    def history_view(self, request, object_id, extra_context=None):
        """The entry's history, with the proposals made to it and their decisions."""
        entry = self.model._default_manager.filter(pk=object_id).first()
        proposals = Proposal.objects.filter(Proposal.of(entry)).select_related("decided_by")
        extra_context = {**(extra_context or {}), "proposals": proposals}
        return super().history_view(request, object_id, extra_context=extra_context)

    def log_change(self, request, obj, message):
        if getattr(obj, "_proposed", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(obj, "_proposed", False):
            self.message_user(
                request,
                _(
                    "Your change was saved as a proposal for the officers' review; the "
                    "published entry stays as it is until they accept it."
                )
                if obj._proposal
                else _("Nothing was changed."),
                messages.SUCCESS,
            )
            return redirect(request.path)
        return super().response_change(request, obj)


def _proposed_offers(formset):
    """What the rows of the services' inline say each service offers, under ``offer_key``s
    (the rows themselves are read-only in a change that waits for review)."""
    if formset.model is not PlatformService:
        return {}
    not_saved_by_formset(formset)
    values = {}
    for row in formset.initial_forms:
        data = getattr(row, "cleaned_data", None) or {}
        slug = row.instance.service.slug
        for column in OFFER_COLUMNS:
            if column in data:
                values[offer_key(slug, column)] = data[column]
    return values


admin.site.register(Proposal, ProposalAdmin)
admin.site.register(Invitation, InvitationAdmin)


def with_proposals(model, actions=()):
    """Register ``model``'s admin again (as the apps and the spreadsheets registered it) with
    the proposals' part mixed in, and ``actions``; ``proposals`` comes after them in
    ``INSTALLED_APPS``."""
    registered = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            registered.__name__,
            (ProposingMixin, registered),
            {"__module__": registered.__module__, "actions": [*registered.actions, *actions]},
        ),
    )


with_proposals(InnovationPlatform, actions=[invite])
with_proposals(Cluster)

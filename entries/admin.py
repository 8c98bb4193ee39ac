"""What the admins of platforms, clusters and organisations share: rights, saving through the
one write path, the history page with restoring a version, the review and gap filters, and the
workflow actions."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.utils import get_history_model_for_model

from accounts import roles
from elmo import i18n
from elmo.admin import RegistryAdmin

from . import history
from .dashboard import gaps_of, stale_condition
from .models import Status
from .services import entries_update, entry_check, entry_save

# The fieldsets of platforms and clusters share these groups.
CONTACT_FIELDSET = (
    _("Contact"),
    {"fields": ("contact_name", "contact_role", "contact_email", "contact_phone", "website")},
)
STATUS_FIELDSET = (
    _("Status and sources"),
    {"fields": ("status", "editors", "last_reviewed", "sources", "created", "updated")},
)


class ScopedAdmin(SimpleHistoryAdmin, RegistryAdmin):
    """Admin of what has a primary region (platforms, clusters, organisations): everyone staff
    sees everything; changing, publishing and deleting follow ``accounts.roles`` and the
    workflow, and every save goes through ``entries.services.entry_save``.

    Its history page lists every change with who, when and what (``entries.history``); a version
    is restored under the same rules as a save: by those who may change the entry as it stands
    now, into a region that is theirs.

    An admin whose model takes proposed changes (``proposes_changes``, set by the proposals'
    admin of platforms) lets the form of a change that waits for review pass the rights check;
    that admin then stores the change as a proposal instead of saving it.
    """

    proposes_changes = False

    def has_add_permission(self, request):
        return super().has_add_permission(request) and roles.may_create(request.user)

    def has_change_permission(self, request, obj=None):
        # A version from the history is judged as the entry stands now.
        obj = self.stored(obj)
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.may_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and roles.may_delete(request.user)

    def stored(self, obj):
        """``obj`` as stored now, when ``obj`` is a version from its history (None if deleted)."""
        record = to_historic(obj) if obj is not None else None
        if record is None:
            return obj
        if not hasattr(record, "stored"):
            record.stored = self.model._default_manager.filter(pk=obj.pk).first()
        return record.stored

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The form of a version shows the version's links, and is checked against the entry
        # as it stands now.
        record = to_historic(obj) if obj is not None else None
        obj = self.stored(obj)
        form = super().get_form(request, obj, change=change, **kwargs)
        links = history.links_of(record) if record is not None else {}
        user = request.user
        proposing = self.proposes_changes

        class ScopedForm(form):
            def __init__(self, *args, **kwargs):
                if links:
                    kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

            def clean(self):
                cleaned = super().clean()
                try:
                    entry_check(
                        user=user,
                        stored=obj,
                        region=cleaned.get("region"),
                        status=cleaned.get("status"),
                        proposing=proposing,
                    )
                except roles.Refusal as refusal:
                    field = refusal.field if refusal.field in self.fields else None
                    self.add_error(field, refusal.message)
                return cleaned

        return ScopedForm

    # --- saving: the entry and its links in one go ------------------------------------------

    def save_model(self, request, obj, form, change):
        """Nothing yet: ``save_related`` saves the entry with its links, through the service."""

    def save_related(self, request, form, formsets, change, links=None):
        """Save the entry with its links: those of the form's fields, those of the inlines of a
        link table with columns of its own (``LinkInline``), and ``links`` given (a restore)."""
        entry = form.instance
        many = [field.name for field in entry._meta.many_to_many]
        links = {
            **{name: form.cleaned_data[name] for name in many if name in form.cleaned_data},
            **(links or {}),
        }
        others = []
        for formset in formsets:
            name = link_name(entry, formset.model)
            if name is None:
                others.append(formset)
            else:
                links[name] = formset_links(formset)
                not_saved_by_formset(formset)
        reason = getattr(entry, "_change_reason", None)
        entry_save(entry=entry, links=links, user=request.user, reason=reason)
        for formset in others:
            self.save_formset(request, form, formset, change=change)

    # --- the history page and restoring a version ---------------------------------------------

    def history_view_title(self, request, obj):
        return _("History of %(name)s") % {"name": obj}

    def history_form_view_title(self, request, obj):
        record = to_historic(obj)
        return _("%(name)s as of %(date)s") % {"name": obj, "date": _when(record)}

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        older = records[-1].prev_record if records else None
        history.annotate_changes(self.model, records, older)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            return self.restore(request, unquote(object_id), version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def restore(self, request, object_id, version_id):
        """Save the version ``version_id`` as posted from its page, if the user may."""
        opts = self.model._meta
        record = get_object_or_404(
            get_history_model_for_model(self.model),
            **{opts.pk.attname: object_id, "history_id": version_id},
        )
        version = record.instance
        stored = self.stored(version)
        try:
            entry_check(user=request.user, stored=stored, region=None, status=None)
        except roles.Refusal as refusal:
            return self.restore_refused(request, refusal.message, record)
        allowed = (
            self.has_change_permission(request, stored)
            if stored is not None
            else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        form_class = self.get_form(request, version, change=True)
        form = form_class(request.POST, request.FILES, instance=stored or version)
        if not form.is_valid():
            reasons = [
                f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
                for name, errors in form.errors.items()
                for error in errors
            ]
            return self.restore_refused(request, " ".join(reasons), record)
        with transaction.atomic():
            obj = self.save_form(request, form, change=stored is not None)
            obj._change_reason = history.restored_reason(record)
            self.save_model(request, obj, form, change=stored is not None)
            self.save_related(
                request, form, [], change=stored is not None, links=history.link_rows_of(record)
            )
            self.log_change(request, obj, self.construct_change_message(request, form, []))
        self.message_user(
            request,
            _("The version of %(date)s was restored.") % {"date": _when(record)},
            messages.SUCCESS,
        )
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))

    def restore_refused(self, request, reason, record):
        self.message_user(
            request,
            _("The version of %(date)s was not restored: %(reason)s")
            % {"date": _when(record), "reason": reason},
            messages.ERROR,
        )
        return redirect(request.path)


def link_name(entry, model):
    """The name of ``entry``'s many-to-many relation whose link table is ``model``, or None."""
    for field in entry._meta.many_to_many:
        if field.remote_field.through is model:
            return field.name
    return None


def not_saved_by_formset(formset):
    """Mark an inline's formset as saved with the entry, not by itself: the admin's change
    message reads what a formset's save would have set."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


def formset_links(formset):
    """The links an inline of a link table gives, as ``entry_save`` takes them:
    ``{service: {"offer_text_fi": "…", …}}``, leaving out the rows marked for deletion."""
    entry = formset.instance
    name = link_name(entry, formset.model)
    field = entry._meta.get_field(name)
    target = field.m2m_reverse_field_name()
    columns = history.link_columns(formset.model)
    links = {}
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        linked = data.get(target)
        if linked is None and getattr(form.instance, f"{target}_id", None) is not None:
            linked = getattr(form.instance, target)  # shown read-only
        if linked is not None:
            links[linked] = {column: data[column] for column in columns if column in data}
    return links


class LinkInline(admin.TabularInline):
    """The rows of a link table with columns of its own (what a platform offers of each
    service), edited beside the entry and saved with it through ``entry_save``: the rights are
    the entry's. A change that waits for review (``roles.changes_need_review``) can hold the
    rows' texts, not which rows there are."""

    extra = 1
    link_target = ""  # the link table's column of the linked row: "service"

    def _entry_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def has_view_permission(self, request, obj=None):
        return self._entry_admin().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        entry_admin = self._entry_admin()
        if obj is None:
            return entry_admin.has_add_permission(request)
        return entry_admin.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and not roles.changes_need_review(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if roles.changes_need_review(request.user, obj):
            return (self.link_target,)
        return ()


def _when(record):
    return formats.localize(timezone.localtime(record.history_date)) if record else ""


class ReviewFilter(admin.SimpleListFilter):
    """Entries by their last review: a year ago or more (or never), or within the year."""

    title = _("last review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Not reviewed in 12 months")),
            ("fresh", _("Reviewed in the last 12 months")),
        ]

    def queryset(self, request, queryset):
        stale = stale_condition()
        if self.value() == "stale":
            return queryset.filter(stale)
        if self.value() == "fresh":
            return queryset.exclude(stale)
        return queryset


class MissingFilter(admin.SimpleListFilter):
    """Entries missing Swedish or English text, a contact or (platforms) a location."""

    title = _("missing")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _q) in gaps_of(model_admin.model).items()]

    def queryset(self, request, queryset):
        gap = gaps_of(queryset.model).get(self.value())
        return queryset.filter(gap[1]) if gap else queryset


def _workflow_action(name, description, **change):
    """An admin action that gives the selected entries a status and/or today's review date
    (``entries.services.entries_update``: each one the user may change so), and reports those
    left unchanged."""

    def action(modeladmin, request, queryset):
        result = entries_update(entries=queryset, user=request.user, **change)
        modeladmin.message_user(
            request,
            ngettext("%(count)d entry updated.", "%(count)d entries updated.", len(result.changed))
            % {"count": len(result.changed)},
            messages.SUCCESS,
        )
        if result.skipped:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d entry was left unchanged: not yours to change, or not in a "
                    "state this action applies to.",
                    "%(count)d entries were left unchanged: not yours to change, or not in a "
                    "state this action applies to.",
                    result.skipped,
                )
                % {"count": result.skipped},
                messages.WARNING,
            )

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)


WORKFLOW_ACTIONS = [
    _workflow_action("publish", _("Publish the selected entries"), status=Status.PUBLISHED),
    _workflow_action(
        "submit_for_review",
        _("Submit the selected drafts for review"),
        status=Status.IN_REVIEW,
        only_status=Status.DRAFT,
    ),
    _workflow_action("archive", _("Archive the selected entries"), status=Status.ARCHIVED),
    _workflow_action("mark_reviewed", _("Mark as reviewed today"), reviewed=True),
]


class EntryAdmin(ScopedAdmin):
    """Platforms and clusters: the workflow actions, the review and gap filters, editors
    assigned by officers, and what else their admins share."""

    actions = WORKFLOW_ACTIONS
    # The filters every entry list starts with; an admin adds its own after them.
    list_filter = ("status", ReviewFilter, MissingFilter, "region", "priorities")
    prepopulated_fields = {"slug": (i18n.column("name", i18n.DEFAULT),)}
    readonly_fields = ("created", "updated")
    date_hierarchy = "updated"

    # Short dates in the lists, so that status, last updated and last reviewed fit beside the
    # name at 1280 px ("5.12.2026", not "5. joulukuuta 2026 kello 0.20").
    @admin.display(description=_("updated"), ordering="updated")
    def updated_on(self, obj):
        return formats.date_format(timezone.localtime(obj.updated), "SHORT_DATE_FORMAT")

    @admin.display(description=_("last reviewed"), ordering="last_reviewed", empty_value="–")
    def reviewed_on(self, obj):
        if obj.last_reviewed:
            return formats.date_format(obj.last_reviewed, "SHORT_DATE_FORMAT")
        return None

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        obj = self.stored(obj)
        if obj is not None and not roles.may_publish(request.user, obj):
            fields += ("editors",)
        return fields

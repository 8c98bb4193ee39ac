"""What every model admin of the registry shares."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.utils import get_history_model_for_model

from accounts import roles
from elmo import history
from elmo.resources import FORMATS, SpreadsheetError, problems
from platforms.models import Status
from search import reindex_for

from .dashboard import gaps_of, stale_condition


def translated(*fields):
    """Expand field names to their per-language columns, for search_fields and the like.

    >>> translated("name")
    ('name_fi', 'name_sv', 'name_en')
    """
    return tuple(f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES)


class RegistryAdmin(TabbedTranslationAdmin):
    """Base admin: fi/sv/en tabs for translated fields, and link tables edited like plain lists.

    The registry's many-to-many relations use explicit link tables so that a linked
    organisation, region, priority or service cannot be deleted while in use. Those tables hold
    nothing but the two foreign keys, so the admin edits them as ordinary multi-selects
    (Django's own admin hides such fields, hence the override and the silenced admin.E013).
    """

    list_per_page = 50
    show_full_result_count = False
    # Addresses typed without a scheme are taken as https (Django 6 default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search documents include the links, so they are rewritten once these are saved.
        reindex_for(form.instance)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.remote_field.through._meta.auto_created:
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        using = kwargs.get("using")
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", AutocompleteSelectMultiple(db_field, self.admin_site, using=using)
            )
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(using, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)


class SpreadsheetImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = _("File")
        self.fields["import_file"].help_text = _(
            "CSV in UTF-8 (comma- or semicolon-separated) or Excel (xlsx)."
        )
        self.fields["format"].label = _("Format")


class SpreadsheetExportForm(ExportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = _("Format")
        self.fields["format"].help_text = _(
            "Excel (xlsx) for editing in Excel; CSV (UTF-8) for other programs."
        )


class SpreadsheetMixin(ImportExportMixin):
    """Import and export of the admin's model as CSV or Excel (``elmo.resources``).

    The import first shows a preview (new, updated and unchanged rows, or every problem by row
    and column) and saves only after the user confirms it; a file with any problem saves
    nothing. The user's rights follow ``accounts.roles``: importing needs the right to add and
    change entries (the coordinator and regional officers, not platform editors), and every row
    must be one the user may save; an export holds only the entries the user may change.
    """

    formats = FORMATS
    import_form_class = SpreadsheetImportForm
    export_form_class = SpreadsheetExportForm
    import_template_name = "admin/spreadsheets/import.html"
    export_template_name = "admin/spreadsheets/export.html"
    # Excel opens a UTF-8 CSV file correctly only with the byte order mark.
    to_encoding = "utf-8-sig"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_resource_classes(self, request):
        # The library would otherwise build a resource of every field, without the user's rights.
        if not self.resource_classes:
            raise ImproperlyConfigured(f"{type(self).__name__} must set resource_classes.")
        return self.resource_classes

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def _resource(self, request):
        return self.get_import_resource_classes(request)[0](user=request.user)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse):
            self._add_spreadsheet_context(request, response.context_data)
        return response

    def _add_spreadsheet_context(self, request, context):
        resource = self._resource(request)
        context["title"] = _("Import %(entries)s") % {"entries": self.opts.verbose_name_plural}
        context["columns"] = resource.columns()
        context["required_columns"] = resource.required_columns
        result = context.get("result")
        if result is None:
            return
        found = problems(result)
        context["problems"] = found
        if found:
            self.message_user(
                request,
                ngettext(
                    "Nothing was imported: the file has %(count)d problem, listed below.",
                    "Nothing was imported: the file has %(count)d problems, listed below.",
                    len(found),
                )
                % {"count": len(found)},
                messages.ERROR,
            )
        else:
            context["preview"] = [row for row in result.rows if not getattr(row, "blank", False)]
            context["totals"] = result.totals

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetError):
            message = str(e)
        elif isinstance(e, UnicodeDecodeError):
            if e.object[:4] == b"PK\x03\x04":
                message = gettext("This is an Excel file: choose the format xlsx.")
            else:
                message = gettext(
                    "The file is not in UTF-8. Save it again as “CSV UTF-8” (in Excel: "
                    "Save as › CSV UTF-8), or as an Excel file, and upload that."
                )
        else:
            message = gettext(
                "The file could not be read. Check that it is a CSV or Excel file and that "
                "the format chosen matches it."
            )
        form.add_error("import_file", message)

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # The kept file is removed by the first confirmation (a double click, say).
            self.message_user(
                request,
                gettext("This import was already confirmed. To import again, upload the file."),
                messages.WARNING,
            )
            return redirect(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_import"
            )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between the preview and the confirmation; the import was
            # rolled back.
            form = self.get_import_form_class(request)(
                self.get_import_formats(), self.get_import_resource_classes(request)
            )
            context = {
                **self.admin_site.each_context(request),
                "form": form,
                "opts": self.opts,
                "media": self.media + form.media,
                "result": result,
            }
            self._add_spreadsheet_context(request, context)
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        self.message_user(
            request,
            gettext("Import finished: %(new)d new, %(updated)d updated, %(skipped)d unchanged.")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
            },
            messages.SUCCESS,
        )

    def generate_log_entries(self, result, request):
        # In the entries' history as the admin's own saves are, naming the changed columns.
        for row in result.valid_rows():
            if row.import_type == RowResult.IMPORT_TYPE_NEW:
                flag, message = ADDITION, [{"added": {}}]
            elif row.import_type == RowResult.IMPORT_TYPE_UPDATE:
                flag, message = CHANGE, [{"changed": {"fields": row.changed_columns}}]
            else:
                continue
            LogEntry.objects.log_actions(
                request.user.pk, [row.instance], flag, change_message=message, single_object=True
            )

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # As the library's, but an Excel file of ours (a subclass) also gets numbers and dates
        # as such rather than as text.
        if not self.has_export_permission(request):
            raise PermissionDenied
        binary = file_format.is_binary()
        data = self.get_data_for_export(request, queryset, force_native_type=binary, **kwargs)
        content = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        return content if binary or not encoding else content.encode(encoding)

    def export_action(self, request):
        response = super().export_action(request)
        if isinstance(response, TemplateResponse):
            resource = self.get_export_resource_classes(request)[0](user=request.user)
            response.context_data["title"] = _("Export %(entries)s") % {
                "entries": self.opts.verbose_name_plural
            }
            response.context_data["columns"] = resource.columns()
            response.context_data["count"] = resource.filter_export(
                self.get_export_queryset(request)
            ).count()
            response.context_data["scoped"] = not roles.is_coordinator(request.user)
        return response


class ScopedAdmin(SpreadsheetMixin, SimpleHistoryAdmin, RegistryAdmin):
    """Admin of what has a primary region (platforms, clusters, organisations): everyone staff
    sees everything; changing, publishing and deleting follow ``accounts.roles``, and so do the
    spreadsheet import and export (``SpreadsheetMixin``; set ``resource_classes``).

    Its history page lists every change with who, when and what (``elmo.history``); a version
    is restored under the same rules as a save: by those who may change the entry as it stands
    now, into a region that is theirs.
    """

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

        class ScopedForm(form):
            def __init__(self, *args, **kwargs):
                if links:
                    kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

            def clean(self):
                cleaned = super().clean()
                try:
                    roles.check_change(
                        user,
                        obj,
                        region=cleaned.get("region"),
                        status=cleaned.get("status"),
                        creating=obj is None,
                    )
                except roles.Refusal as refusal:
                    field = refusal.field if refusal.field in self.fields else None
                    self.add_error(field, refusal.message)
                return cleaned

        return ScopedForm

    # --- one history record per save ---------------------------------------------------------

    def save_model(self, request, obj, form, change):
        history.hold(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        history.release(form.instance)

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
            roles.check_change(request.user, stored, creating=stored is None)
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
            self.save_related(request, form, [], change=stored is not None)
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


def _workflow_action(
    name, description, *, status=None, reviewed=False, publishing=False, drafts_only=False
):
    """An admin action that sets the status (and/or the review date) of the selected entries
    the user may change, and reports those left unchanged."""

    def action(modeladmin, request, queryset):
        user = request.user
        if publishing:
            allowed = roles.publishable(queryset, user)
        else:
            allowed = roles.changeable(queryset, user)
        if drafts_only:
            allowed = allowed.filter(status=Status.DRAFT)
        allowed = list(allowed)
        today = timezone.localdate()
        for entry in allowed:
            fields = ["updated"]
            if status is not None:
                entry.status = status
                fields.append("status")
            if reviewed:
                entry.last_reviewed = today
                fields.append("last_reviewed")
            entry.save(update_fields=fields)
        skipped = queryset.count() - len(allowed)
        modeladmin.message_user(
            request,
            ngettext("%(count)d entry updated.", "%(count)d entries updated.", len(allowed))
            % {"count": len(allowed)},
            messages.SUCCESS,
        )
        if skipped:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d entry was left unchanged: not yours to change, or not in a "
                    "state this action applies to.",
                    "%(count)d entries were left unchanged: not yours to change, or not in a "
                    "state this action applies to.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)


WORKFLOW_ACTIONS = [
    _workflow_action(
        "publish", _("Publish the selected entries"), status=Status.PUBLISHED, publishing=True
    ),
    _workflow_action(
        "submit_for_review",
        _("Submit the selected drafts for review"),
        status=Status.IN_REVIEW,
        drafts_only=True,
    ),
    _workflow_action(
        "archive", _("Archive the selected entries"), status=Status.ARCHIVED, publishing=True
    ),
    _workflow_action("mark_reviewed", _("Mark as reviewed today"), reviewed=True),
]


class EntryAdmin(ScopedAdmin):
    """Platforms and clusters: the workflow actions, and editors assigned by officers."""

    actions = WORKFLOW_ACTIONS

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        obj = self.stored(obj)
        if obj is not None and not roles.may_publish(request.user, obj):
            fields += ("editors",)
        return fields

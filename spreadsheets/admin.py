"""Import and export of spreadsheets in the admin of platforms, clusters and organisations.

The apps' admins know nothing of spreadsheets: this module gives each model of
``resources.RESOURCES`` an admin of its own kind with ``SpreadsheetMixin`` mixed in, registered
in its place (``spreadsheets`` comes after the apps in ``INSTALLED_APPS``, so their admins are
registered by then).
"""

from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult

from accounts import roles

from .formats import FORMATS, SpreadsheetError, problems
from .resources import RESOURCES


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
    """Import and export of the admin's model as CSV or Excel (``spreadsheets.resources``).

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


def with_spreadsheets(model, resource):
    """Register ``model``'s admin again, with the spreadsheet import and export of ``resource``."""
    registered = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            registered.__name__,
            (SpreadsheetMixin, registered),
            {"__module__": registered.__module__, "resource_classes": [resource]},
        ),
    )


for _model, _resource in RESOURCES.items():
    with_spreadsheets(_model, _resource)

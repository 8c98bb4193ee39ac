"""Import and export of platforms, clusters and organisations as spreadsheets (CSV and xlsx).

``RegistryResource`` is what every resource shares: the slug identifies the row; the columns
are checked before any row (unknown, missing or repeated columns refuse the file); every row is
validated with the model's ``full_clean`` and the importing user's rights; a file with any
invalid row imports nothing. Below it, the columns of each model: texts have one column per
language (``name_fi``, ``name_sv``, ``name_en``); regions are given by their Statistics Finland
code, everything else that is linked by its slug; lists are separated by semicolons. The texts
of a link (what a platform offers of each of its services) have one column per language as
well, one line per link: ``testing: Talvitestaus ajoneuvoille``.
"""

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from import_export import resources, widgets
from import_export.fields import Field
from import_export.results import RowResult

from accounts import roles
from clusters.models import Cluster, IndustrialEcosystem, VanguardPilot
from elmo import i18n
from elmo.fields import ChoiceListField
from elmo.i18n import columns
from elmo.validators import validate_text
from entries.services import entry_check, entry_save
from platforms.models import InnovationPlatform, Organisation, Service
from priorities.models import Priority, Region

from .formats import SpreadsheetError
from .widgets import (
    ChoiceListWidget,
    DateWidget,
    DecimalWidget,
    IntegerWidget,
    LinkTextsField,
    TextWidget,
    cell_text,
    lookup,
    lookup_list,
    one_line,
)

# Shown by django-import-export's admin view for a file without rows; translated in locale/.
gettext_noop(
    "No valid data to import. Ensure your file has the correct headers or data for import."
)


def _same(a, b):
    if a in (None, "") and b in (None, ""):
        return True
    return a == b


class RegistryResource(resources.ModelResource):
    """Import and export of one registry model, keyed by slug, for a user.

    ``Resource(user=request.user)`` imports only what that user may save (each row is checked
    with ``entries.services.entry_check``; any refusal refuses the whole file) and exports only
    what the user may change (``roles.changeable``). Without a user — a script run by the
    maintainers — neither limit applies. Every row is saved with its links through the one
    write path, ``entries.services.entry_save`` (history, search documents).

    Subclasses set ``Meta.model`` and ``Meta.fields`` (the columns, in order), declare the
    relations with ``lookup()`` and ``lookup_list()`` (the texts of a relation's link rows
    with a base made by ``link_text_columns()``), and name the ``required_columns`` a file must
    have, each with a value in every row.
    """

    required_columns = ("slug",)
    select_related = ()
    prefetch_related = ()

    class Meta:
        import_id_fields = ["slug"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._changed = []
        self._links = {}
        self._rows_by_key = {}

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        internal_type = django_field.get_internal_type()
        if isinstance(django_field, ChoiceListField):
            widget = ChoiceListWidget()
        elif internal_type == "DecimalField":
            widget = DecimalWidget()
        elif internal_type == "DateField":
            widget = DateWidget()
        elif internal_type.endswith("IntegerField"):
            widget = IntegerWidget()
        else:
            # Translations left empty are stored as NULL, other texts as "".
            widget = TextWidget(empty=None if django_field.null else "")
        return Field(attribute=field_name, column_name=field_name, widget=widget, readonly=readonly)

    def columns(self):
        """The column names, in the order of an export."""
        return [field.column_name for field in self.get_import_fields()]

    # --- the file as a whole ---------------------------------------------------------------

    def check_columns(self, dataset):
        """The dataset without unnamed empty columns; ``SpreadsheetError`` if the columns are
        wrong (unknown, missing, repeated, or a column with values but no name)."""
        headers = [cell_text(h) for h in dataset.headers or []]
        keep = [
            i for i, name in enumerate(headers) if name or any(cell_text(row[i]) for row in dataset)
        ]
        expected = self.columns()
        problems = []
        unnamed = [_column_letter(i) for i in keep if not headers[i]]
        if unnamed:
            problems.append(
                _("Column %(letters)s has values but no name.") % {"letters": ", ".join(unnamed)}
            )
        names = [headers[i] for i in keep if headers[i]]
        unknown = [name for name in names if name not in expected]
        if unknown:
            problems.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            problems.append(_("Repeated columns: %(columns)s.") % {"columns": ", ".join(repeated)})
        missing = [name for name in self.required_columns if name not in names]
        if missing:
            problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        if problems:
            problems.append(
                _("The columns are %(columns)s; required: %(required)s.")
                % {"columns": ", ".join(expected), "required": ", ".join(self.required_columns)}
            )
            raise SpreadsheetError(" ".join(problems))
        cleaned = tablib.Dataset(headers=[headers[i] for i in keep])
        for row in dataset:
            cleaned.append([row[i] for i in keep])
        return cleaned

    def import_data(self, dataset, *args, **kwargs):
        # All or nothing: a row that fails validation rolls the whole file back, also when
        # the file is imported without the admin's preview.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, *args, **kwargs)

    def import_data_inner(self, dataset, dry_run, raise_errors, using_transactions, *args, **kw):
        try:
            dataset = self.check_columns(dataset)
        except SpreadsheetError as error:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            self.handle_import_error(result, error, raise_errors)
            return result
        return super().import_data_inner(
            dataset, dry_run, raise_errors, using_transactions, *args, **kw
        )

    # --- one row ---------------------------------------------------------------------------

    def import_row(self, row, instance_loader, **kwargs):
        if not any(cell_text(value) for value in row.values()):
            # An empty line (Excel keeps some below the data): nothing to import.
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            row_result.number = kwargs["row_number"] + 1
            row_result.blank = True
            return row_result
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        stored = type(instance).objects.get(pk=instance.pk) if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        key = cell_text(row.get("slug"))
        number = kwargs.get("row_number", 0) + 1
        first = self._rows_by_key.setdefault(key, number)
        if key and first != number:
            errors.setdefault("slug", []).append(
                _("The same slug is on row %(row)s.") % {"row": first}
            )
        links = {}
        for field in self.get_import_fields():
            if field.column_name not in row or isinstance(field, LinkTextsField):
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                try:
                    links[field.column_name] = field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(str(error))
            elif field.column_name in self.required_columns and not cell_text(
                row[field.column_name]
            ):
                errors.setdefault(field.attribute, []).append(
                    _("A value is required in this column.")
                )
        links.update(self._link_texts(stored, row, links, errors))
        if not errors.keys() & {"region", "status"}:
            region = instance.region if getattr(instance, "region_id", None) else None
            try:
                entry_check(
                    user=self.user,
                    stored=stored,
                    region=region,
                    status=getattr(instance, "status", None),
                )
            except roles.Refusal as refusal:
                # A refusal that names no field concerns the entry's region.
                errors.setdefault(refusal.field or "region", []).append(refusal.message)
        if errors:
            raise ValidationError(errors)
        self._changed = self._changed_columns(stored, instance, row, links)
        self._links = links

    def _link_texts(self, stored, row, links, errors):
        """The links whose texts the row gives (``LinkTextsField`` columns such as
        ``service_offers_fi``), as ``entry_save`` takes them — ``{"services": {testing:
        {"offer_text_fi": "…"}, piloting: {}}}`` — for the links the row gives (or, without
        their column, has), each with only the texts that change. What is wrong is added to
        ``errors`` under its column: a line that is not ``slug: text``, a slug given twice or
        not among the row's links, a text the link's column refuses (a control character).

        A cell is the whole of a language's texts: a link it leaves out has no text in that
        language. A text equal to the stored one with its line breaks made spaces (as the
        export writes it) is the stored text, unchanged.
        """
        by_relation = {}
        for field in self.get_import_fields():
            if isinstance(field, LinkTextsField) and field.column_name in row:
                by_relation.setdefault(field.relation, []).append(field)
        result = {}
        for relation, fields in by_relation.items():
            if relation in row and relation not in links:
                continue  # the relation's own column is wrong, and named
            stored_rows = fields[0].link_rows(stored) if stored is not None else {}
            relation_field = self._meta.model._meta.get_field(relation)
            if relation in links:
                targets = list(links[relation])
            else:
                model = relation_field.related_model
                targets = list(model._default_manager.filter(pk__in=list(stored_rows)))
            through = relation_field.remote_field.through
            values = {target: {} for target in targets}
            for field in fields:
                by_key = {str(getattr(target, field.key)): target for target in targets}
                given, problems = field.parse(row)
                link_field = through._meta.get_field(field.link_column)
                for key, (number, text) in given.items():
                    if key not in by_key:
                        message = _(
                            "Line %(line)s: “%(slug)s” is not among the row's %(column)s; add "
                            "it there too."
                        ) % {"line": number, "slug": key, "column": relation}
                        problems.append((number, message))
                        continue
                    try:
                        link_field.clean(text, None)
                        validate_text(text)
                    except ValidationError as error:
                        for refusal in error.messages:
                            message = _("Line %(line)s: %(problem)s") % {
                                "line": number,
                                "problem": refusal,
                            }
                            problems.append((number, message))
                if problems:
                    errors.setdefault(field.column_name, []).extend(
                        message for _number, message in sorted(problems)
                    )
                    continue
                for key, target in by_key.items():
                    link = stored_rows.get(target.pk)
                    before = getattr(link, field.link_column) if link is not None else None
                    text = given[key][1] if key in given else ""
                    if text != one_line(before):
                        values[target][field.link_column] = text
            result[relation] = values
        return result

    def _changed_columns(self, stored, instance, row, links):
        if stored is None:
            return [column for column in self.columns() if column in row]
        changed = []
        for field in self.get_import_fields():
            column = field.column_name
            if column not in row:
                continue
            if isinstance(field, LinkTextsField):
                texts = links.get(field.relation, {})
                if any(field.link_column in values for values in texts.values()):
                    changed.append(column)
            elif column in links:
                before = {o.pk for o in field.get_value(stored).all()}
                if before != {o.pk for o in links[column]}:
                    changed.append(column)
            elif not _same(field.get_value(instance), field.get_value(stored)):
                changed.append(column)
        return changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean``, leaving out the fields that already failed, with the errors of a
        translated field (``name``) put in the column of its default language (``name_fi``)."""
        errors = dict(import_validation_errors or {})
        originals = {
            i18n.field_of(c) for c in errors if c == i18n.column(i18n.field_of(c), i18n.DEFAULT)
        }
        try:
            instance.full_clean(exclude=[*errors, *originals], validate_unique=validate_unique)
        except ValidationError as error:
            columns = self.columns()
            for key, messages in error.message_dict.items():
                in_default = i18n.column(key, i18n.DEFAULT)
                if key not in columns and in_default in columns:
                    key = in_default
                errors.setdefault(key, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # A row that changes nothing is not saved (and shows as unchanged in the preview).
        if import_validation_errors or instance.pk is None:
            return False
        return not self._changed

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.number = kwargs["row_number"] + 1
        row_result.changed_columns = self._changed

    def do_instance_save(self, instance, is_create):
        """Nothing yet: ``save_m2m`` saves the row with its links, through the write path."""

    def save_m2m(self, instance, row, **kwargs):
        entry_save(entry=instance, links=self._links, user=self.user)

    # --- export ----------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        if self.user is not None:
            queryset = roles.changeable(queryset, self.user)
        return queryset.select_related(*self.select_related).prefetch_related(
            *self.prefetch_related
        )

    def export(self, queryset=None, **kwargs):
        dataset = super().export(queryset, **kwargs)
        dataset.title = str(self._meta.model._meta.verbose_name_plural)
        return dataset


def link_text_columns(name, *, relation, text):
    """A base of a resource with a column per language, ``name_fi``…, of the texts ``text`` of
    ``relation``'s link rows (``widgets.LinkTextsField``):
    ``link_text_columns("service_offers", relation="services", text="offer_text")``."""
    fields = {
        i18n.column(name, code): LinkTextsField(
            i18n.column(name, code), relation=relation, text=text, language=code
        )
        for code in i18n.LANGUAGES
    }
    return type(resources.Resource)(
        f"{name.title().replace('_', '')}Columns",
        (resources.Resource,),
        {"__module__": __name__, **fields},
    )


def _column_letter(index):
    """``_column_letter(0)`` is "A", ``_column_letter(27)`` is "AB", as a spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --- the columns of each model -----------------------------------------------------------------


class OrganisationResource(RegistryResource):
    region = lookup(Region, "region", field="code")

    required_columns = ("slug", "name_fi", "kind")
    select_related = ("region",)

    class Meta(RegistryResource.Meta):
        model = Organisation
        fields = (
            "slug",
            *columns("name"),
            "kind",
            "business_id",
            "ror_id",
            "website",
            "region",
        )


class EntryResource(RegistryResource):
    """The columns platforms and clusters share."""

    region = lookup(Region, "region", field="code")
    other_regions = lookup_list(Region, "other_regions", field="code")
    priorities = lookup_list(Priority, "priorities")

    required_columns = ("slug", "name_fi", "summary_fi", "region")

    FIRST_COLUMNS = ("slug", "status", *columns("name", "summary", "description"))
    LAST_COLUMNS = (
        "contact_name",
        *columns("contact_role"),
        "contact_email",
        "contact_phone",
        "website",
        "sources",
        "last_reviewed",
    )


class InnovationPlatformResource(
    EntryResource, link_text_columns("service_offers", relation="services", text="offer_text")
):
    hosts = lookup_list(Organisation, "hosts")
    services = lookup_list(Service, "services")

    required_columns = (*EntryResource.required_columns, "platform_type")
    select_related = ("region",)
    prefetch_related = (
        "other_regions",
        "hosts",
        "priorities",
        "services",
        "platformservice_set__service",  # the service_offers_* columns
    )

    class Meta(RegistryResource.Meta):
        model = InnovationPlatform
        fields = (
            *EntryResource.FIRST_COLUMNS,
            "platform_type",
            "region",
            "other_regions",
            "hosts",
            "priorities",
            "services",
            *columns("service_offers"),
            *columns("keywords", "town"),
            "street_address",
            "postal_code",
            "latitude",
            "longitude",
            *columns("equipment", "access_terms", "offer"),
            "trl_min",
            "trl_max",
            "access_model",
            *columns("pricing_note", "lead_time"),
            "user_groups",
            *columns("country_restriction"),
            "delivery",
            "months",
            "service_languages",
            "booking_url",
            "general_email",
            "research_fi_urn",
            *EntryResource.LAST_COLUMNS,
        )


class ClusterResource(EntryResource):
    coordinator = lookup(Organisation, "coordinator")
    partners = lookup_list(Organisation, "partners")
    members = lookup_list(InnovationPlatform, "members")
    ecosystems = lookup_list(IndustrialEcosystem, "ecosystems")
    pilots = lookup_list(VanguardPilot, "pilots")

    select_related = ("region", "coordinator")
    prefetch_related = (
        "other_regions",
        "partners",
        "members",
        "priorities",
        "ecosystems",
        "pilots",
    )

    class Meta(RegistryResource.Meta):
        model = Cluster
        fields = (
            *EntryResource.FIRST_COLUMNS,
            "founded",
            "region",
            "other_regions",
            "coordinator",
            "partners",
            "members",
            "priorities",
            "ecosystems",
            "pilots",
            "eccp_url",
            *EntryResource.LAST_COLUMNS,
        )


# The resource of each model whose admin imports and exports spreadsheets.
RESOURCES = {
    Organisation: OrganisationResource,
    InnovationPlatform: InnovationPlatformResource,
    Cluster: ClusterResource,
}

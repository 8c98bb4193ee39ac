"""The OpenAPI schema says what the server does: every answer an operation can give, with one
shared error shape and the headers the server sends, who may call it, and what its parameters
and bodies take — so that a client generated from it works, and schemathesis finds nothing
(``tests/api/test_api_schema_fuzz.py``).

- **Errors** are one component, ``Error``: ``{"detail": "…"}``, and on a 400 also a list of
  messages per field or parameter (``{"detail": "…", "region": ["…"]}``), whatever the status
  (400, 401, 403, 404, 406, 409, 414, 415, 429, 503). ``elmo.api.errors`` makes the server's
  side.
- **Security**: reading is open, so a read lists "no credentials" (``{}``) beside the token
  and the session; writing needs one of those two.
- **Headers**: ``ETag`` on reads and ``Last-Modified`` on details with a time of change,
  ``Retry-After`` on 429 and 503, ``X-Request-ID`` everywhere.
- **Parameters** (``tidy``, ``RegistryAutoSchema.get_operation``): the lists the server reads
  (``?region=19,18`` or ``?region=19&region=18``) are one flat array, with the values the
  server accepts now; each name has one description wherever it occurs.
- **Bodies**: a translated text is an object when written; a reference lists the codes or
  slugs that exist; no text holds a control character; no unknown field is taken.
"""

import inspect
from functools import partial

import django_filters
from django.db import DatabaseError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiParameter

from elmo import i18n
from elmo.validators import CONTROL_CHARACTERS

from .fields import TRANSLATED_SCHEMA
from .pagination import SyncPagination
from .parameters import CACHE_BUSTER

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "An error. `detail` says what went wrong; on a 400 each field or query "
    "parameter that was refused also has its list of messages.",
    "properties": {"detail": {"type": "string", "description": "What went wrong."}},
    "required": ["detail"],
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {
        "detail": "Invalid input.",
        "region": ["Select a valid choice. 99 is not one of the available choices."],
    },
}
ERROR_REF = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}

REQUEST_ID = {
    "description": "The request's id, also in the server's logs; give it when reporting a problem.",
    "schema": {"type": "string"},
}
RETRY_AFTER = {
    "description": "Seconds to wait before trying again.",
    "required": True,
    "schema": {"type": "integer", "minimum": 0},
}
ETAG = {
    "description": "The version of this answer; send it back as `If-None-Match` to get a 304 "
    "when nothing changed.",
    "schema": {"type": "string"},
}
LAST_MODIFIED = {
    "description": "When the entry was last changed (HTTP date).",
    "schema": {"type": "string"},
}

ERRORS = {
    "400": "Invalid parameters or body: a message per field or parameter.",
    "401": "The token (or session) given is not valid, or a write without credentials.",
    "403": "The token's user may not do this.",
    "404": "No such entry, or no such page of results.",
    "409": "A unique value (such as the slug) is taken by another entry already.",
    "406": "The `Accept` header asks for a format this operation cannot give.",
    "414": "The request line (address with its query) is too long.",
    "415": "The body is not JSON.",
    "429": "Too many requests from this address; see `Retry-After`.",
    "503": "The registry is temporarily unavailable; see `Retry-After`.",
}


def error(status):
    headers = {"X-Request-ID": REQUEST_ID}
    if status in ("429", "503"):
        headers["Retry-After"] = RETRY_AFTER
    return {
        "description": ERRORS[status],
        "headers": headers,
        "content": {"application/json": {"schema": ERROR_REF}},
    }


class RegistryAutoSchema(AutoSchema):
    """Summaries and descriptions per action, made from the model's names: a viewset's own
    docstring describes its list only (detail and write operations are not downloads)."""

    ACTIONS = {
        "list": ("{plural}", None),
        "retrieve": ("One {name}", "One {name}, by its id or slug."),
        "create": (
            "Add {article} {name}",
            "Add {article} {name} (staff with the right to add). The answer is the {name} as "
            "saved.",
        ),
        "update": (
            "Replace {article} {name}",
            "Replace every writable field of {article} {name} (staff with the right to change).",
        ),
        "partial_update": (
            "Change {article} {name}",
            "Change the fields given, and no other (staff with the right to change). In a "
            "translated text, the languages given.",
        ),
    }

    def _names(self):
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if model is None:
            return None
        name = str(model._meta.verbose_name)
        return {
            "name": name,
            "plural": str(model._meta.verbose_name_plural).capitalize(),
            "article": "an" if name[0] in "aeiou" else "a",
        }

    def get_summary(self):
        names = self._names()
        action = getattr(self.view, "action", None)
        if names and action in self.ACTIONS:
            return self.ACTIONS[action][0].format(**names)
        return super().get_summary()

    def get_description(self):
        names = self._names()
        action = getattr(self.view, "action", None)
        if names and action in self.ACTIONS and self.ACTIONS[action][1]:
            return self.ACTIONS[action][1].format(**names)
        own = self.view.__class__.__dict__.get("__doc__")  # not a base class's
        return inspect.cleandoc(own) if own else ""

    def get_auth(self):
        auths = super().get_auth()
        # StaffWritesOrReadOnly: anyone reads, without credentials (no lock in the docs).
        if self.method in ("GET", "HEAD") and auths and {} not in auths:
            auths.append({})
        return auths

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        choices = self._parameter_choices()
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] in choices:
                schema = parameter["schema"]
                if schema.get("type") == "array":
                    schema["items"] = {"type": "string"}
                    schema = schema["items"]
                schema.pop("format", None)
                schema.update(type="string", **_enum_of(choices[parameter["name"]]))
        return operation

    def _parameter_choices(self):
        """Query parameter → function giving the values the server accepts now: the view's
        ``parameter_choices``, and the closed lists of its list's filters (codes and slugs of
        regions, slugs of linked objects)."""
        choices = dict(getattr(self.view, "parameter_choices", {}))
        filterset = None
        if self._is_list_view() and hasattr(self.view, "filterset_class"):
            backend = DjangoFilterBackend()
            filterset = backend.get_filterset_class(self.view, self.view.queryset)
        for name, item in filterset.base_filters.items() if filterset else ():
            if isinstance(
                item, (django_filters.ModelMultipleChoiceFilter, django_filters.ModelChoiceFilter)
            ):
                choices[name] = partial(_model_choices, item, self.view.request)
        return choices

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # An empty text is answered as null, and may be sent as null (RegistrySerializer).
        if getattr(field, "allow_blank", False):
            schema["nullable"] = True
        return schema

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "GET":
            parameters.append(
                OpenApiParameter(
                    CACHE_BUSTER,
                    # No NUL, as in every parameter (elmo.middleware).
                    {"type": "array", "items": {"type": "string", "pattern": NO_NUL}},
                    explode=True,
                    description="Ignored, however often it is given: a cache-buster a client "
                    "may add so that its request is answered afresh rather than from the "
                    "cache, e.g. `_=1733270400`.",
                )
            )
        return parameters

    def get_paginated_name(self, serializer_name):
        # A page of the changes feed (a cursor, no count) is not a numbered page of the list.
        if getattr(self.view, "pagination_class", None) is SyncPagination:
            return f"{serializer_name}Changes"
        return super().get_paginated_name(serializer_name)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        reading = self.method == "GET"
        statuses = ["400", "401", "414", "429", "503"]
        if reading:
            statuses.append("406")
        else:
            statuses += ["403", "409", "415"]
        if not reading or "{" in self.path or (self._is_list_view() and self._get_paginator()):
            statuses.append("404")
        for status in statuses:
            responses.setdefault(status, error(status))
        if reading:
            responses.setdefault(
                "304",
                {
                    "description": "Not modified: the answer is the one whose `ETag` was sent "
                    "as `If-None-Match`.",
                    "headers": {"ETag": ETAG, "X-Request-ID": REQUEST_ID},
                },
            )
        for status, response in responses.items():
            if status.startswith("2"):
                headers = response.setdefault("headers", {})
                headers["X-Request-ID"] = REQUEST_ID
                if reading:
                    headers["ETag"] = ETAG
                    if self._sends_last_modified():
                        headers["Last-Modified"] = LAST_MODIFIED
        return responses

    def _sends_last_modified(self):
        sends = getattr(self.view, "sends_last_modified", None)
        return "{" in self.path and sends is not None and sends()


def _enum(queryset, field, also=None):
    """``{"enum": [...]}``: the values of ``field`` (and ``also``) in ``queryset`` now; nothing
    when the database has no tables yet (``manage.py spectacular`` on a fresh checkout)."""
    try:
        values = list(queryset.order_by(field).values_list(field, flat=True))
        if also:
            values += sorted(queryset.values_list(also, flat=True))
    except DatabaseError:
        return {}
    return {"enum": values}


def _enum_of(choices):
    return _enum(*choices()) if callable(choices) else {"enum": list(choices)}


def _model_choices(item, request):
    queryset = item.queryset(request) if callable(item.queryset) else item.queryset
    field = item.extra.get("to_field_name") or "pk"
    # Regions: codes and slugs.
    return queryset, field, getattr(item.field_class, "also_accepts", None)


# What each query parameter means, one text per name wherever it occurs, with an example from
# the IP-area data.
LIST = " Several values: repeated (`?{name}=a&{name}=b`) or comma-separated (`?{name}=a,b`); "
LIST += "they mean either."
PARAMETERS = {
    "region": (
        "Regions by Statistics Finland code or slug (primary region or served)." + LIST,
        "19",
    ),
    "priority": ("Priorities of the strategies, by slug." + LIST, "circular-economy"),
    "strategy": (
        "Strategies, by slug: entries linked to any of their priorities (on priorities: the "
        "priorities of one strategy)." + LIST,
        "ip-area-2024",
    ),
    "type": ("Kinds of platform." + LIST, "testing"),
    "service": ("Kinds of service offered, by slug." + LIST, "testing"),
    "host_kind": ("Kinds of host organisation." + LIST, "university"),
    "organisation": (
        "Organisations by slug: hosts of platforms; coordinators or partners of clusters." + LIST,
        "university-of-oulu",
    ),
    "cluster": ("Clusters by slug: platforms that are their members." + LIST, "ouluhealth"),
    "platform": (
        "Platforms by slug: clusters they are members of." + LIST,
        "sodankyla-geophysical-observatory",
    ),
    "pilot": ("Vanguard Initiative pilots by slug." + LIST, "adma-energy"),
    "ecosystem": ("EU industrial ecosystems by slug (`/api/v1/ecosystems/`)." + LIST, "digital"),
    "kind": ("The kind of organisation.", "university"),
    "town": ("The town, in any of the three languages (whole name, any case).", "Oulu"),
    "q": ("Search words, in any of the three languages; every word must match.", "kiertotalous"),
    "bbox": (
        "A map box: `min_lon,min_lat,max_lon,max_lat` in WGS84 degrees.",
        "24.5,64.0,30.0,66.5",
    ),
    "modified_after": (
        "Only what changed after this time: ISO 8601 with a time-zone offset (`Z` or `+02:00`); "
        "a time without one is refused. Give the time of the previous sync.",
        "2026-01-31T12:00:00Z",
    ),
    "ordering": (
        "Order by `name`, `updated`, `created` or `slug`; `-` before it for descending.",
        "-updated",
    ),
    "page": ("The page of results, from 1.", 1),
    "page_size": ("Results per page, 1–200 (default 50).", 50),
    "lang": (
        "Give translated texts as plain strings in this language, with Finnish where it is "
        "missing; without it each text is an object of every language.",
        "sv",
    ),
    "include": ("Related objects to embed under `embedded`, comma-separated.", None),
    "format": (
        "`csv` or `geojson`: download every match as one file, without paging (on a detail: "
        "the entry).",
        None,
    ),
}


NO_NUL = r"^[^\x00]*$"
# Lists the server reads from one comma-separated value only.
COMMA_SEPARATED = {"bbox", "ordering", "include"}


def tidy(result, generator, request, public):
    """Postprocessing hook: the shared error component, flat list parameters described the same
    everywhere, JSON-only writes and the export bodies."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components[ERROR_COMPONENT] = ERROR_SCHEMA
    for name, component in components.items():
        if "properties" in component and name != ERROR_COMPONENT:
            # A serializer's docstring is written for the registry's developers, not partners.
            component.pop("description", None)
        if name.endswith("Request") and component.get("type") == "object":
            # The server refuses a field it does not know (RegistrySerializer).
            component["additionalProperties"] = False
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                _flatten(parameter)
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and not {"enum", "pattern", "format"} & set(
                    schema
                ):
                    schema["pattern"] = NO_NUL  # elmo.middleware.RejectNulCharactersMiddleware
                if parameter["name"] in COMMA_SEPARATED:
                    parameter.update(style="form", explode=False)
                if parameter["in"] == "path" and parameter["name"] == "slug":
                    parameter["description"] = "The id or the slug of the object."
                # The search and the match describe their own parameters.
                own = "/search/" in path or path.endswith("/match/")
                if parameter["in"] == "query" and parameter["name"] in PARAMETERS and not own:
                    description, example = PARAMETERS[parameter["name"]]
                    if parameter["schema"].get("type") != "array":
                        description = description.replace(LIST, "")  # one value only
                    parameter["description"] = description.format(name=parameter["name"])
                    parameter["schema"].pop("title", None)
                    if isinstance(example, list):
                        parameter["example"] = example
                    elif example is not None and "examples" not in parameter:
                        items = parameter["schema"].get("items", parameter["schema"])
                        if example in items.get("enum", [example]):
                            parameter["example"] = (
                                [example] if "items" in parameter["schema"] else example
                            )
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if method != "get":
                    # Writes answer JSON whatever format the view could render.
                    for media_type in list(content):
                        if media_type != "application/json":
                            del content[media_type]
                elif status == "200":
                    for media_type, schema in EXPORT_SCHEMAS.items():
                        if media_type in content:
                            content[media_type] = {"schema": dict(schema)}
                    if "/clusters/" in path and "application/geo+json" in content:
                        content["application/geo+json"]["schema"]["description"] = (
                            "Every match as a GeoJSON FeatureCollection. A cluster has no "
                            "location of its own, so its geometry is null; its member platforms "
                            "(`include=members`, or the platform list's `cluster` filter) have "
                            "theirs."
                        )
            if method != "get":
                operation["parameters"] = [
                    p for p in operation.get("parameters", []) if p["name"] != "format"
                ]
                if not operation["parameters"]:
                    del operation["parameters"]
    return result


def _flatten(parameter):
    """django-filter's multiple-choice filters come out as arrays of arrays: the server reads
    one flat list, repeated or comma-separated."""
    schema = parameter.get("schema", {})
    items = schema.get("items", {})
    if schema.get("type") == "array" and items.get("type") == "array":
        schema["items"] = items["items"]


# The bodies of the exports (?format=csv, ?format=geojson) are not the JSON shape.
EXPORT_SCHEMAS = {
    "text/csv": {
        "type": "string",
        "description": "Every match, one row per entry; a column per language of each text.",
    },
    "application/geo+json": {
        "type": "object",
        "description": "Every match as a GeoJSON FeatureCollection.",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": {"type": "object"}},
        },
    },
}


# --- fields whose schema depends on the direction ------------------------------------------------

# A text holds no control characters (elmo.validators.validate_text); a required one also at
# least one character that is not white space.
TEXT_PATTERN = rf"^[^{CONTROL_CHARACTERS}]*$"
REQUIRED_TEXT_PATTERN = rf"^\s*[^\s{CONTROL_CHARACTERS}][^{CONTROL_CHARACTERS}]*$"


class TranslatedFieldExtension(OpenApiSerializerFieldExtension):
    """A translated text: the object of every language when written; when read also a plain
    string with ``?lang=``."""

    target_class = "elmo.api.fields.TranslatedField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        if direction == "response":
            return TRANSLATED_SCHEMA
        model = field.parent.Meta.model
        required = not model._meta.get_field(field.column).blank
        properties = {}
        for code in i18n.LANGUAGES:
            model_field = model._meta.get_field(i18n.column(field.column, code))
            text = {"type": "string", "nullable": True, "pattern": TEXT_PATTERN}
            if model_field.max_length:
                text["maxLength"] = model_field.max_length
            if required and code == i18n.DEFAULT:
                text.update(nullable=False, pattern=REQUIRED_TEXT_PATTERN)
            properties[code] = text
        schema = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
            "description": "The text in Finnish, Swedish and English; a language left out stays "
            "as it was, null clears it." + (" Finnish is required." if required else ""),
        }
        if required and auto_schema.method != "PATCH":
            schema["required"] = [i18n.DEFAULT]
        return schema


class SlugRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A reference to another object by its code or slug: when written, one of the values that
    exist now (the server refuses any other); when read a plain string, so that a client made
    from this schema keeps working when new ones are added."""

    target_class = "rest_framework.relations.SlugRelatedField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        schema = {"type": "string"}
        if direction == "request" and field.queryset is not None:
            # One named component per kind of reference ("RegionCode", "OrganisationSlug").
            model = field.queryset.model
            component = ResolvedComponent(
                name=f"{model.__name__}{field.slug_field.title()}",
                type=ResolvedComponent.SCHEMA,
                object=f"{model._meta.label}.{field.slug_field}",
                schema={
                    "type": "string",
                    "description": f"The {field.slug_field} of an existing "
                    f"{model._meta.verbose_name}.",
                    **_enum(field.queryset, field.slug_field),
                },
            )
            auto_schema.registry.register_on_missing(component)
            schema = component.ref
        if getattr(field, "allow_null", False):
            schema = (
                {**schema, "nullable": True}
                if "$ref" not in schema
                else {"allOf": [schema], "nullable": True}
            )
        return schema

"""The OpenAPI schema documents the error answers every operation can give."""

from drf_spectacular.openapi import AutoSchema

from .pagination import SyncPagination

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "A list of messages per field (or `non_field_errors`, or `detail`).",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}


def error(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class RegistryAutoSchema(AutoSchema):
    def get_paginated_name(self, serializer_name):
        # A page of the changes feed (a cursor, no count) is not a numbered page of the list.
        if getattr(self.view, "pagination_class", None) is SyncPagination:
            return f"{serializer_name}Changes"
        return super().get_paginated_name(serializer_name)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        writing = self.method in ("POST", "PUT", "PATCH")
        responses.setdefault("400", error("Invalid parameters or body.", FIELD_ERRORS))
        if writing:
            responses.setdefault("401", error("No valid API token.", DETAIL))
            responses.setdefault("403", error("The token's user may not do this.", DETAIL))
            responses.setdefault("415", error("The body is not JSON.", DETAIL))
        if writing or "{" in self.path:
            responses.setdefault("404", error("No such entry (or page).", DETAIL))
        else:
            responses.setdefault("404", error("No such page of results.", DETAIL))
        responses.setdefault("429", error("Too many requests; see Retry-After.", DETAIL))
        return responses


# The bodies of the exports (?format=csv, ?format=geojson) are not the JSON shape.
EXPORT_SCHEMAS = {
    "text/csv": {"type": "string", "description": "One row per entry; a column per language."},
    "application/geo+json": {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": {"type": "object"}},
        },
    },
}


def export_responses(result, generator, request, public):
    """Postprocessing hook: give the CSV and GeoJSON answers their own schemas."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            for media_type, schema in EXPORT_SCHEMAS.items():
                if media_type in content:
                    content[media_type] = {"schema": schema}
    return result

"""Exports of the list endpoints: ``?format=csv`` and ``?format=geojson``, every matching entry.

Both flatten the API's own JSON, so a column or property exists for every field, and translated
texts become one column per language (``name_fi``, ``name_sv``, ``name_en``). A list is written
in pieces, one per batch of entries (``chunks``), so that it can be streamed
(``elmo.api.exports``); ``render`` writes one entry or a list at once.
"""

import csv
import io
import json

from rest_framework.renderers import BaseRenderer

from elmo.formulas import neutralise


def flatten(value, prefix=""):
    """``{"name": {"fi": "A"}, "hosts": ["x", "y"]}`` → ``{"name_fi": "A", "hosts": "x; y"}``."""
    flat = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            flat.update(flatten(item, f"{name}_"))
        elif isinstance(item, list):
            flat[name] = "; ".join(
                json.dumps(i, ensure_ascii=False) if isinstance(i, dict) else str(i) for i in item
            )
        else:
            flat[name] = item
    return flat


def entries(data):
    """The entries of an answer: a page of a list, a list or one entry."""
    if isinstance(data, dict) and "results" in data:
        data = data["results"]
    return data if isinstance(data, list) else [data]


class ExportRenderer(BaseRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"".join(self.chunks([entries(data)]))

    def chunks(self, batches):
        """The file as bytes, a piece per batch of entries (each a list of the API's JSON)."""
        raise NotImplementedError


class CSVRenderer(ExportRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def chunks(self, batches):
        columns = None  # every entry has the same fields, so the first one names the columns
        for batch in batches:
            table = [flatten(item) for item in batch]
            if not table:
                continue
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            if columns is None:
                columns = list(table[0])
                writer.writerow(columns)
            # Text a spreadsheet would run as a formula is written as text (elmo.formulas).
            writer.writerows([neutralise(row.get(column)) for column in columns] for row in table)
            yield buffer.getvalue().encode(self.charset)
        if columns is None:
            yield b"\r\n"  # no entries: an empty header


class GeoJSONRenderer(ExportRenderer):
    """A FeatureCollection: a Point where an entry has a location, otherwise a null geometry."""

    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    def chunks(self, batches):
        yield b'{"type": "FeatureCollection", "features": ['
        separator = ""
        for batch in batches:
            if batch:
                features = ", ".join(
                    json.dumps(feature(item), ensure_ascii=False) for item in batch
                )
                yield f"{separator}{features}".encode()
                separator = ", "
        yield b"]}"


def feature(item):
    properties = dict(item)
    latitude, longitude = properties.pop("latitude", None), properties.pop("longitude", None)
    geometry = None
    if latitude is not None and longitude is not None:
        geometry = {"type": "Point", "coordinates": [float(longitude), float(latitude)]}
    return {"type": "Feature", "id": item.get("id"), "geometry": geometry, "properties": properties}

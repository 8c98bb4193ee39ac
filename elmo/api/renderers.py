"""Exports of the list endpoints: ``?format=csv`` and ``?format=geojson``, every matching entry.

Both flatten the API's own JSON, so a column or property exists for every field, and translated
texts become one column per language (``name_fi``, ``name_sv``, ``name_en``).
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


def rows(data):
    if isinstance(data, dict) and "results" in data:  # a paginated list
        data = data["results"]
    if isinstance(data, dict):  # one entry
        data = [data]
    return [flatten(item) for item in data]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        table = rows(data)
        columns = list(dict.fromkeys(key for row in table for key in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({key: neutralise(value) for key, value in row.items()} for row in table)
        return buffer.getvalue().encode(self.charset)


class GeoJSONRenderer(BaseRenderer):
    """A FeatureCollection: a Point where an entry has a location, otherwise a null geometry."""

    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        items = data["results"] if isinstance(data, dict) and "results" in data else data
        features = []
        for item in items if isinstance(items, list) else [items]:
            properties = dict(item)
            latitude, longitude = (
                properties.pop("latitude", None),
                properties.pop("longitude", None),
            )
            geometry = None
            if latitude is not None and longitude is not None:
                geometry = {"type": "Point", "coordinates": [float(longitude), float(latitude)]}
            features.append(
                {
                    "type": "Feature",
                    "id": item.get("id"),
                    "geometry": geometry,
                    "properties": properties,
                }
            )
        collection = {"type": "FeatureCollection", "features": features}
        return json.dumps(collection, ensure_ascii=False).encode()

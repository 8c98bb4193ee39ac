"""Template tags of the public site: schema.org JSON-LD for detail pages, summaries cut alike."""

import json

from django import template
from django.utils.safestring import mark_safe

from elmo.addresses import absolute_url

register = template.Library()

# The characters that could end or break out of a <script> element, as JSON escapes.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def region_place(region):
    return {
        "@type": "AdministrativeArea",
        "name": region.name,
        "url": absolute_url(region.get_absolute_url()),
    }


@register.simple_tag
def platform_json_ld(platform):
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": platform.name,
        "description": platform.summary,
        "url": absolute_url(platform.get_absolute_url()),
        "containedInPlace": region_place(platform.region),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": platform.town or platform.region.name,
            "addressRegion": platform.region.name,
            "addressCountry": "FI",
            **({"streetAddress": platform.street_address} if platform.street_address else {}),
            **({"postalCode": platform.postal_code} if platform.postal_code else {}),
        },
        "keywords": ", ".join(platform.keyword_list),
    }
    if platform.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(platform.latitude),
            "longitude": float(platform.longitude),
        }
    if platform.website:
        data["sameAs"] = platform.website
    return json_ld(data)


@register.simple_tag
def cluster_json_ld(cluster):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": cluster.name,
        "description": cluster.summary,
        "url": absolute_url(cluster.get_absolute_url()),
        "areaServed": [
            region_place(region) for region in [cluster.region, *cluster.other_regions.all()]
        ],
    }
    if cluster.founded:
        data["foundingDate"] = str(cluster.founded)
    if cluster.website:
        data["sameAs"] = cluster.website
    if cluster.coordinator:
        data["parentOrganization"] = {"@type": "Organization", "name": cluster.coordinator.name}
    return json_ld(data)


@register.simple_tag
def region_json_ld(region):
    data = {"@context": "https://schema.org", **region_place(region)}
    data["containedInPlace"] = {"@type": "Country", "name": "Finland"}
    return json_ld(data)


@register.filter
def shorten(text, length=240):
    """``text`` cut at a word boundary to at most ``length`` characters, with "…" when cut: the
    same length in every language, where a count of words is not (Finnish words are long).

    >>> shorten("Kuivahuone akkukennojen valmistukseen", 20)
    'Kuivahuone …'
    >>> shorten("Lyhyt", 20)
    'Lyhyt'
    """
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return f"{cut} …"

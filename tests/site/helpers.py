"""What several test folders read from the public site."""

import re


def sitemap_locations(text):
    """The addresses (without scheme and host) in the ``<loc>`` elements of a sitemap."""
    locations = re.findall(r"<loc>([^<]+)</loc>", text)
    return [re.sub(r"^https?://[^/]+", "", loc).replace("&amp;", "&") for loc in locations]


def every_sitemap(client):
    """``/sitemap.xml`` and every sitemap its index lists, as one text."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    texts = [index.text]
    if "<sitemapindex" in index.text:
        for location in sitemap_locations(index.text):
            page = client.get(location)
            assert page.status_code == 200, location
            texts.append(page.text)
    return "\n".join(texts)

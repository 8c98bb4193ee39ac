"""The search page counts as found only the platforms with every word; those with only some of
the words (or a similar word) are listed apart, and a region filter that leaves few full matches
points to the rest of the area."""

import re

import pytest
from django.http import QueryDict

from platforms.filters import PlatformFilter
from platforms.models import InnovationPlatform
from search import split_matches

pytestmark = pytest.mark.django_db


def sections(html):
    """(the count in the heading, the slugs of the results, the slugs of the partial ones)."""
    count = int(re.search(r'<h2 id="results-heading">(\d+)', html).group(1))
    main, _, partial = html.partition('id="partial-heading"')
    slug = r'<h3 class="card__title"><a href="/\w\w/platforms/([\w-]+)/">'
    return count, re.findall(slug, main), re.findall(slug, partial)


def every_word(query):
    published = InnovationPlatform.objects.published()
    filterset = PlatformFilter(QueryDict(query), queryset=published)
    return set(split_matches(filterset.qs)[0].values_list("slug", flat=True))


def test_a_compound_word_counts_only_the_entries_with_all_of_it(client):
    html = client.get("/en/platforms/?q=akkulaboratorio").text
    count, found, partial = sections(html)
    assert "centria-battery-dry-laboratory" in found
    assert count == len(found) == len(every_word("q=akkulaboratorio"))
    # The other laboratories are there, but apart and not counted.
    assert "Results that match only some of your words" in html
    assert "uef-cancer-laboratory-syli" in partial
    assert not set(found) & set(partial)


def test_a_region_with_no_full_match_says_how_many_the_rest_of_the_area_has(client):
    html = client.get("/en/platforms/?q=akkujen+testaus&region=18").text
    count, found, partial = sections(html)
    assert count == 0 and found == []
    assert "sports-technology-unit-vuokatti" in partial
    assert "No platform matches all of these words and filters." in html
    elsewhere = len(every_word("q=akkujen+testaus") - every_word("q=akkujen+testaus&region=18"))
    assert elsewhere > 0
    hint = re.search(r'<p class="elsewhere">\s*(\d+) platforms? in the other regions', html)
    assert int(hint.group(1)) == elsewhere
    assert '<a href="?q=akkujen+testaus">Search the whole area</a>' in html


def test_facet_counts_count_only_full_matches(client):
    html = client.get("/en/platforms/?q=akkujen+testaus&region=18").text
    # Each type's count is of Kainuu's platforms of that type with every word: none.
    counts = r'id="f-type-\w+"[^>]*>\s*<label[^>]*>[^<]*<span class="count">\((\d+)\)'
    types = re.findall(counts, html)
    assert types and sum(int(n) for n in types) == 0


def test_enough_full_matches_leave_no_partial_section(client):
    html = client.get("/fi/platforms/?q=laboratorio").text
    count, found, partial = sections(html)
    assert count == len(found) > 3
    assert partial == []
    assert "elsewhere" not in html

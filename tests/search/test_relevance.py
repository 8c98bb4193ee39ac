"""Relevance of the search on the real IP-area data: mean reciprocal rank and recall at 5.

Each query of relevance_queries.json names the entries a good search returns in its top five.
The suite prints the figures and fails below the thresholds, set from measurement (docs/search.md).
"""

import json
from pathlib import Path

import pytest
from django.db import connection

from search import search_all

QUERIES = json.loads(Path(__file__).with_name("relevance_queries.json").read_text("utf-8"))
# Per back end, set from measurement with Voikko (docs/search.md).
THRESHOLDS = {
    "postgresql": {"mrr": 0.95, "recall_at_5": 0.97},
    "sqlite": {"mrr": 0.90, "recall_at_5": 0.95},
}

pytestmark = pytest.mark.django_db


def evaluate():
    results = []
    for item in QUERIES:
        found = [hit.entry.slug for hit in search_all(item["q"], types=("platform", "cluster"))]
        ranks = [found.index(slug) + 1 for slug in item["expected"] if slug in found]
        results.append(
            {
                **item,
                "found": found[:5],
                "reciprocal_rank": 1 / min(ranks) if ranks else 0.0,
                "recall_at_5": sum(1 for r in ranks if r <= 5) / len(item["expected"]),
            }
        )
    return results


def test_relevance_meets_the_thresholds(capsys):
    results = evaluate()
    mrr = sum(r["reciprocal_rank"] for r in results) / len(results)
    recall = sum(r["recall_at_5"] for r in results) / len(results)
    by_kind = {}
    for r in results:
        by_kind.setdefault(r["kind"], []).append(r["reciprocal_rank"])
    with capsys.disabled():
        print(
            f"\nsearch relevance on {connection.vendor} over {len(results)} queries: "
            f"MRR {mrr:.3f}, recall@5 {recall:.3f}"
        )
        for kind, rrs in sorted(by_kind.items()):
            print(f"  {kind:15} MRR {sum(rrs) / len(rrs):.3f} over {len(rrs)} queries")
        for r in results:
            if r["recall_at_5"] < 1:
                print(
                    f"  miss [{r['lang']}] {r['q']!r}: expected {r['expected']}, got {r['found']}"
                )
    assert len(QUERIES) >= 40
    thresholds = THRESHOLDS[connection.vendor]
    assert mrr >= thresholds["mrr"]
    assert recall >= thresholds["recall_at_5"]

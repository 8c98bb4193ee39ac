"""The load benchmark's bookkeeping: which database holds which size, and how the targets and
the growth between sizes are judged (the run itself needs wrk and minutes: `make bench`)."""

from bench.load import ENDPOINTS, TARGETS, database_url, failures_of


def test_each_size_but_the_largest_has_a_database_of_its_own():
    base = "postgres://postgres@127.0.0.1:5432/elmo_bench"
    assert database_url(base, 100000, 100000) == base
    assert database_url(base, 10000, 100000) == base + "_10000"


def rows(rps, p95_ms=10):
    floor = 1000
    return [
        {
            "endpoint": name,
            "kind": kind,
            "rps": floor if kind == "floor" else rps,
            "share_of_floor": 1 if kind == "floor" else rps / floor,
            "p95_us": p95_ms * 1000,
            "errors": 0,
        }
        for name, _template, kind in ENDPOINTS
    ]


def test_every_endpoint_but_the_floors_has_a_target():
    assert {name for name, _t, kind in ENDPOINTS if kind != "floor"} == set(TARGETS)


def test_targets_are_met_only_when_share_latency_and_growth_hold():
    assert failures_of({10000: rows(700), 100000: rows(650)}, [10000, 100000]) == []
    slow = failures_of({10000: rows(700), 100000: rows(650, p95_ms=500)}, [10000, 100000])
    assert "search page: p95 500 ms > 150 ms" in slow
    few = failures_of({10000: rows(700), 100000: rows(40)}, [10000, 100000])
    assert "API detail: 4.0% of the floor < 20%" in few
    assert "search page: 17.5× slower at 100000" in few

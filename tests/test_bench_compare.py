"""bench.compare: two sides' bench runs, page by page, with growth past the limit marked."""

from bench.compare import compare


def run(p95: float, queries: int = 3, public_p95: float | None = None) -> dict:
    page = {"queries": queries, "p50_ms": p95 / 2, "p95_ms": p95, "officer": None}
    page["public"] = None if public_p95 is None else {"queries": 1, "p95_ms": public_p95}
    return {"pages": {"programme": page}}


def test_the_median_of_each_sides_runs_is_compared():
    lines = compare([run(10), run(12), run(30)], [run(11), run(13), run(50)], limit=1.3)
    assert lines[1].split() == ["programme", "staff", "3→3", "12.0", "13.0", "1.08"]


def test_growth_past_the_limit_and_a_changed_query_count_are_marked():
    grew = compare([run(10, public_p95=1.0)], [run(14, public_p95=1.1)], limit=1.3)
    assert grew[1].endswith("1.40 <") and grew[2].endswith("1.10")
    more_queries = compare([run(10)], [run(10, queries=4)], limit=1.3)
    assert more_queries[1].split()[2] == "3→4" and more_queries[1].endswith("<")

"""bench.query_time's clock: each query a page runs is counted once, with the time to build
its SQL (subqueries within it) and to run it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.query_time import COMPILERS, QueryClock


def test_each_query_of_a_page_is_counted_once_and_the_compilers_are_restored(
    world, year_of_records, anonymous
):
    year_of_records(2)
    originals = [cls.__dict__["as_sql"] for cls in COMPILERS]
    clock = QueryClock()
    with CaptureQueriesContext(connection) as ran, clock.timing():
        response = anonymous.get(world.board.get_absolute_url())
    assert response.status_code == 200
    assert clock.queries == len(ran.captured_queries) > 3
    assert clock.building > 0 and clock.running > 0
    assert clock._depth == 0
    assert [cls.__dict__["as_sql"] for cls in COMPILERS] == originals


def test_a_subquery_is_built_within_its_query(db):
    from workplan.models import Activity

    clock = QueryClock()
    inner = Activity.objects.filter(status="complete").values("pk")
    with clock.timing():
        list(Activity.objects.filter(pk__in=inner))
    assert clock.queries == 1 and clock._depth == 0

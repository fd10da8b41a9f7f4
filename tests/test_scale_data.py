"""The benchmarks' scale data: made in whole boards, so a fill that stopped carries on."""

from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command

from boards.models import Board
from seed_data import scale_data
from workplan.models import Activity

pytestmark = pytest.mark.django_db

TINY = scale_data.Scale(
    boards=3,
    years=1,
    themes=2,
    activities_per_theme=2,
    updates_per_activity=1,
    meetings_per_year=2,
    items_per_meeting=2,
    actions_per_item=1,
    links_per_year=2,
    members=4,
)


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(scale_data.SCALES, "S", TINY)


def scale_boards():
    return list(
        Board.objects.filter(slug__startswith=scale_data.SLUG_PREFIX)
        .order_by("pk")
        .values_list("slug", flat=True)
    )


def test_a_stopped_fill_carries_on_with_the_boards_it_would_have_made(monkeypatch):
    # Stopped after two boards: as if the fill of three had been interrupted.
    monkeypatch.setitem(scale_data.SCALES, "S", replace(TINY, boards=2))
    call_command("make_scale_data", scale="S")
    first_two = scale_boards()
    programmes = Activity.objects.count()
    monkeypatch.setitem(scale_data.SCALES, "S", TINY)
    call_command("make_scale_data", scale="S")
    assert scale_boards()[:2] == first_two and len(scale_boards()) == 3
    # The third board is whole, as the first two are.
    assert Activity.objects.count() == programmes * 3 // 2


def test_a_full_database_is_left_alone_and_a_larger_one_refused(tiny, monkeypatch, capsys):
    call_command("make_scale_data", scale="S")
    call_command("make_scale_data", scale="S")
    assert "already here" in capsys.readouterr().out
    monkeypatch.setitem(scale_data.SCALES, "S", scale_data.Scale(boards=2, years=1))
    with pytest.raises(CommandError, match="more than 2"):
        call_command("make_scale_data", scale="S")


def test_xl_is_ten_times_l():
    large, extra_large = scale_data.SCALES["L"], scale_data.SCALES["XL"]
    assert (extra_large.boards, extra_large.years) == (large.boards * 10, large.years)

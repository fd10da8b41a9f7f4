"""Django admin: every model registered, and changelists whose query count does not grow."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import factories

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"boards", "workplan", "meetings", "reports", "papers"}


def make_rows(n: int) -> None:
    """n of everything, each attached to fresh related rows so joins have work to do."""
    for _ in range(n):
        membership = factories.MembershipFactory()
        activity = factories.ActivityFactory()
        factories.ProgressUpdateFactory(activity=activity)
        item = factories.AgendaItemFactory()
        factories.PaperFactory(agenda_item=item, contact_officer=activity.lead_officer)
        factories.DecisionFactory(agenda_item=item)
        factories.ActionFactory(agenda_item=item, owner=membership.person)
        factories.ActivityReportFactory(agenda_item=item, activity=activity)
        factories.AttendanceFactory(meeting=item.meeting, person=membership.person)
        factories.DeclarationFactory(meeting=item.meeting, person=membership.person)


def domain_models():
    return [m for m in admin.site._registry if m._meta.app_label in DOMAIN_APPS]


def test_every_domain_model_is_registered():
    from django.apps import apps

    expected = {
        m
        for label in DOMAIN_APPS
        for m in apps.get_app_config(label).get_models()
        if not m.__name__.startswith("Historical")
    }
    assert expected == set(domain_models())


def changelist_queries(client, model) -> int:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_changelist_query_counts_do_not_grow_with_rows(admin_client):
    make_rows(2)
    few = {model: changelist_queries(admin_client, model) for model in domain_models()}
    make_rows(8)
    many = {model: changelist_queries(admin_client, model) for model in domain_models()}
    assert many == few


@pytest.mark.parametrize(
    "factory",
    [
        factories.MeetingFactory,
        factories.AgendaItemFactory,
        factories.ActivityFactory,
        factories.PriorityThemeFactory,
        factories.PersonFactory,
        factories.WorkProgrammeFactory,
    ],
)
def test_change_pages_with_inlines_and_history_open(admin_client, factory):
    obj = factory()
    meta = obj._meta
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    history = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])
    assert admin_client.get(change).status_code == 200
    assert admin_client.get(history).status_code == 200


def test_admin_search_and_filters(admin_client):
    factories.ActivityFactory(title="Publish updated modern slavery guidance", status="complete")
    factories.ActivityFactory(title="Lobby on the Victims Bill", status="in_progress")
    url = reverse("admin:workplan_activity_changelist")
    page = admin_client.get(url, {"q": "slavery"}).content.decode()
    assert "Publish updated modern slavery guidance" in page
    assert "Victims Bill" not in page
    page = admin_client.get(url, {"status__exact": "in_progress"}).content.decode()
    assert "Victims Bill" in page
    assert "modern slavery" not in page


@pytest.mark.parametrize(
    "label",
    ["meetings.action", "meetings.agendaitem", "meetings.attendance", "workplan.activity"],
)
def test_large_table_changelists_count_once_and_sort_by_key(admin_client, label):
    """Tables that grow with every meeting: the page counts only what it shows pages of,
    and sorts by the indexed primary key rather than across joins."""
    make_rows(3)
    app_label, model_name = label.split(".")
    with CaptureQueriesContext(connection) as ctx:
        response = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert response.status_code == 200
    table = f'"{app_label}_{model_name}"'
    on_table = [q["sql"] for q in ctx.captured_queries if f"FROM {table}" in q["sql"]]
    assert len([sql for sql in on_table if "COUNT(" in sql]) == 1
    orders = [sql.split("ORDER BY ")[1] for sql in on_table if "ORDER BY" in sql]
    assert orders == [f'{table}."id" DESC']


def test_a_large_tables_unfiltered_changelist_is_counted_from_the_estimate(
    admin_client, monkeypatch
):
    """Unfiltered, a table the database estimates at 100,000 rows or more is not counted
    row by row; filtered or searched, it is, and a small table always is."""
    from boards import admin as board_admin

    make_rows(3)
    url = reverse("admin:meetings_action_changelist")

    def counts(path: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = admin_client.get(path)
        assert response.status_code == 200
        return sum(
            "COUNT(*)" in q["sql"] and '"meetings_action"' in q["sql"] for q in ctx.captured_queries
        )

    monkeypatch.setattr(board_admin, "estimated_rows", lambda model: 1_455_000)
    assert counts(url) == 0
    assert "1455000 actions" in admin_client.get(url).content.decode().replace(",", "")
    assert counts(f"{url}?status=open") == 1
    assert counts(f"{url}?q=report") == 1
    monkeypatch.setattr(board_admin, "estimated_rows", lambda model: 3)
    assert counts(url) == 1

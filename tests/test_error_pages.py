"""Error pages in the site's layout: the 403 and 500 look like the 404, with the header,
a heading saying what happened and a way back."""

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db


def looks_like_the_site(html: str) -> None:
    assert "govuk-service-navigation" in html  # the site's header
    assert "govuk-footer" in html
    assert 'href="/"' in html
    # The header's links, worked out once per process (web/context_processors.py).
    assert 'href="/actions/"' in html and 'href="/search/"' in html


def test_a_board_member_refused_a_change_gets_the_styled_403(world, signed_in):
    response = signed_in(world.member).get(f"/manage/boards/{world.board.slug}/meetings/new/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">You cannot make this change</h1>' in html
    looks_like_the_site(html)


def test_a_programming_error_gets_the_styled_500_without_the_database(settings, world):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    def broken(*args):
        raise ZeroDivisionError("a bug")

    with connection.execute_wrapper(broken):
        response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "a bug" not in html
    looks_like_the_site(html)

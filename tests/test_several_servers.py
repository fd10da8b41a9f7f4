"""Two app servers sharing one database, as README's "Several app servers" runs them: what is
written through one is what the other serves on its next request, for stored public pages,
stored fragments and sessions (signing out through one ends the session on both). Both with
stored copies in each process's memory and in a shared Redis; and when that Redis dies,
both keep serving, from the database.

The servers are real gunicorn processes (bench/cluster.py), one worker each, on the test's
database: on PostgreSQL the test database itself; on SQLite, whose test database lives in
this process's memory, a copy of it in a file the two servers share."""

import re
import shutil
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import Client

from bench.cluster import AppServer, Redis

from .test_officer_updates import update_data

pytestmark = pytest.mark.django_db(transaction=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A visitor's browser: its cookies go to both servers (cookies do not depend on the
    port), as they would to whichever server a proxy chose."""

    opener = urllib.request.build_opener(NoRedirect)

    def __init__(self, cookies: dict | None = None) -> None:
        self.cookies = dict(cookies or {})

    def request(self, server: AppServer, path: str, data: dict | None = None):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(
            server.url + path,
            urllib.parse.urlencode(data).encode() if data is not None else None,
            {"Cookie": cookie} if cookie else {},
        )
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response.read().decode()

    def get(self, server: AppServer, path: str) -> str:
        status, page = self.request(server, path)
        assert status == 200, (server.name, path, status)
        return page

    def post_form(self, server: AppServer, path: str, data: dict) -> int:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(server, path))
        return self.request(server, path, {"csrfmiddlewaretoken": token.group(1), **data})[0]


def database_url(tmp_path) -> str:
    """The test database as the servers reach it: committed data is all they see."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    copy = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}"


@pytest.fixture(params=["memory", "redis"])
def stores(request, tmp_path):
    """Where the servers keep stored pages, fragments and sessions: each in its own memory
    (no CACHE_URL), or one Redis of the test's own, which the test may kill."""
    if request.param == "memory":
        yield None
        return
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    redis = Redis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture
def servers(world, stores, tmp_path):
    """Two gunicorn servers on the world's data, sharing the database (and Redis)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": database_url(tmp_path),
        # Sessions are signed with it: every server of a site has the same.
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "true",
        "PAGE_CACHE_SECONDS": "60",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    if stores:
        env["CACHE_URL"] = stores.url
    pair = [AppServer(name, env, workers=1) for name in ("first", "second")]
    for server in pair:
        server.start(wait=False)
    try:
        for server in pair:
            server.wait_until_ready()
        yield pair
    finally:
        for server in pair:
            server.stop()


def signed_in(user) -> Browser:
    """A browser with the user's session cookie: the session is in the shared database."""
    client = Client()
    client.force_login(user)
    return Browser(
        {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    )


@pytest.fixture
def officer(world):
    # Made before the servers start, so that the SQLite copy holds the session.
    return signed_in(world.officer)


def csrf(browser: Browser, server: AppServer) -> str:
    page = browser.get(server, "/my-work/")
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def post_update(officer: Browser, server: AppServer, world, text: str) -> None:
    url = f"/manage/activities/{world.activity.pk}/update/"
    assert officer.post_form(server, url, update_data(text=text)) == 302


def test_a_change_through_one_server_is_served_by_the_other_at_once(
    world, officer, servers, stores
):
    first, second = servers
    activity = world.activity.get_absolute_url()
    public = Browser()
    # Each server stores the public page and the officer's fragments of it.
    for server in (first, second, second):
        assert "Met the Home Office" not in public.get(server, activity)
        assert "Met the Home Office" not in officer.get(server, activity)
    if stores:
        assert redis.Redis(port=stores.port).dbsize() > 0  # stored there, not only rendered

    post_update(officer, first, world, "Met the Home Office.")

    assert "Met the Home Office" in public.get(second, activity)
    assert "Met the Home Office" in officer.get(second, activity)
    assert "Met the Home Office" in public.get(first, activity)

    # And the other way round.
    post_update(officer, second, world, "Wrote to the minister.")
    assert "Wrote to the minister" in public.get(first, activity)
    assert "Wrote to the minister" in officer.get(first, activity)

    # Signing out through one server ends the session on both: the cookie the browser had
    # still names the ended session, and neither server accepts it.
    session = dict(officer.cookies)
    officer.get(second, "/my-work/")
    token = csrf(officer, first)
    assert officer.request(first, "/accounts/logout/", {"csrfmiddlewaretoken": token})[0] == 302
    for server in (second, first):
        assert Browser(session).request(server, "/my-work/")[0] == 302, server.name  # sign in


@pytest.mark.parametrize("stores", ["redis"], indirect=True)
def test_with_redis_gone_both_servers_serve_from_the_database(world, officer, servers, stores):
    first, second = servers
    activity = world.activity.get_absolute_url()
    public = Browser()
    for server in (first, second):
        public.get(server, activity)
        officer.get(server, activity)

    stores.kill()

    for server in (first, second):
        for path in ("/", "/boards/sscb/", activity, "/api/meetings/"):
            public.get(server, path)
        officer.get(server, "/my-work/")
    post_update(officer, first, world, "Met the Home Office.")
    assert "Met the Home Office" in public.get(second, activity)
    assert "Met the Home Office" in officer.get(second, activity)

"""The OpenAPI document is valid, describes every endpoint the router exposes, and a
schemathesis fuzz run against it on the demo data finds no server error."""

import re
import time

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.urls import router
from boards.models import Board
from config.wsgi import application
from meetings.models import AgendaItem
from seed_data.demo import DemoLoader

from . import factories as f

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/schema/?format=json"
FUZZ_EXAMPLES = 25  # valid requests per operation, half as many invalid: ~40 s in all


def router_paths() -> set[str]:
    """The paths the router exposes, written the OpenAPI way: /api/boards/{id}/."""
    paths = set()
    for pattern in router.urls:
        regex = pattern.pattern.regex.pattern.lstrip("^").rstrip("$")
        regex = re.sub(r"\(\?P<pk>[^)]*\)", "{id}", regex)
        assert "(" not in regex, regex  # a parameter this translation does not know
        paths.add(f"/api/{regex}")
    return paths


@pytest.fixture
def schema(client) -> dict:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_describes_every_endpoint_the_router_exposes(schema):
    expected = router_paths() | {"/api/"}
    assert len(expected) == 27  # the system document and 13 collections with their details
    assert set(schema["paths"]) == expected
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path  # read-only
        assert "200" in operations["get"]["responses"], path


def test_every_collection_documents_its_paging_and_filters(schema):
    for path, operations in schema["paths"].items():
        if path == "/api/" or "{id}" in path:
            continue
        names = {parameter["name"] for parameter in operations["get"].get("parameters", [])}
        assert {"page", "limit"} <= names, path
        assert ("modified_since" in names) == (path != "/api/years/"), path  # years: no stamps
        assert ("board" in names) == (path in BOARD_FILTERED), path


BOARD_FILTERED = {
    f"/api/{name}/"
    for name in (
        "memberships",
        "programmes",
        "themes",
        "activities",
        "progress-updates",
        "meetings",
        "agenda-items",
        "decisions",
        "actions",
    )
}


def test_the_docs_page_describes_every_address_from_the_schema(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="en-GB"' in html and "<script" not in html.split("</main>")[0]
    for words in (
        "GET /api/meetings/{id}/",
        "modified_since (query)",
        "Only objects created or changed at or after this moment",
        'id="shape-Meeting"',
        "notesStatus",
        'href="/api/schema/"',
    ):
        assert words in html


# The fuzz run goes through the WSGI application in this process, which closes a connection
# left inside a transaction after each request: so the data it reads is committed
# (transaction=True). Loading the schema here makes no database query.
fuzzed = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)


def session_cookie(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def visitors() -> dict[str, dict]:
    """Anonymous readers, a member of the demo board and an administrator, who read different
    things. Nothing is withheld from the administrator, so every answer to them must match
    the schema exactly; the others only must not fail."""
    member = f.BoardRoleFactory(board=Board.objects.get(slug="sscb"), role="board_member").user
    admin = get_user_model().objects.create_superuser("fuzz-admin", "a@example.org", "x")
    return {
        "anonymous": {"checks": [not_a_server_error]},
        "board member": {"cookies": session_cookie(member), "checks": [not_a_server_error]},
        "administrator": {
            "cookies": session_cookie(admin),
            "checks": [not_a_server_error, response_schema_conformance],
        },
    }


@pytest.mark.django_db(transaction=True)
def test_the_fuzzer_reads_as_each_visitor():
    DemoLoader().load()
    secret = AgendaItem.objects.filter(is_confidential=True).first()
    case = fuzzed["/api/agenda-items/{id}/"]["GET"].Case(path_parameters={"id": secret.pk})
    names = {
        name: case.call(cookies=visitor.get("cookies")).json()["name"]
        for name, visitor in visitors().items()
    }
    assert names["anonymous"].startswith("Confidential item")
    assert names["board member"] == names["administrator"] == secret.title


def fuzz_operation(strategy, visitors: dict[str, dict], examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, visitor=st.sampled_from(sorted(visitors)))
    def fuzz(case, visitor):
        case.call_and_validate(**visitors[visitor])

    fuzz()


def existing_ids(path: str) -> list[int]:
    """The ids of the demo data's objects behind /api/<collection>/{id}/."""
    viewset = next(v for prefix, v, _ in router.registry if path == f"/api/{prefix}/{{id}}/")
    model = viewset(action="retrieve").get_serializer_class().Meta.model
    return list(model.objects.order_by("pk").values_list("pk", flat=True)[:50])


@pytest.mark.django_db(transaction=True)
def test_fuzzing_every_operation_finds_no_server_error():
    DemoLoader().load()
    readers = visitors()
    started, operations = time.monotonic(), 0
    for result in fuzzed.get_all_operations():
        operation = result.ok()
        operations += 1
        strategy = operation.as_strategy()
        if "{id}" in operation.path:  # random ids are mostly unknown: try the real ones too
            real = st.sampled_from(existing_ids(operation.path)).flatmap(
                lambda pk, op=operation: op.as_strategy(path_parameters={"id": pk})
            )
            strategy = st.one_of(strategy, real)
        fuzz_operation(strategy, readers, FUZZ_EXAMPLES)
        if operation.path != "/api/":  # a request without parameters has no invalid form
            negative = operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE)
            fuzz_operation(negative, readers, FUZZ_EXAMPLES // 2)
    elapsed = time.monotonic() - started
    print(f"Fuzzed {operations} operations in {elapsed:.1f} s")
    assert operations == 27

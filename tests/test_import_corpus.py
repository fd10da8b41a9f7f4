"""Issue 16: minutes as councils, parish councils and boards publish them, each written in
tests/minutes_corpus.py and rendered as text, Markdown, a modern.gov-like page, Word and
PDF, import as published with the records expected of them; and any bytes give records or
a clear error within the limits."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boards.models import Board
from imports.services import ImportFailed, Options, import_file, read

from .import_samples import FIXTURES
from .minutes_corpus import DOCUMENTS, Minutes, rendered

pytestmark = pytest.mark.django_db

CASES = [pytest.param(doc, fmt, id=f"{doc.slug}.{fmt}") for doc in DOCUMENTS for fmt in doc.formats]


def board_for(doc: Minutes) -> Board:
    return Board.objects.create(name=doc.board, short_name=doc.short_name, slug="b")


def records(data: dict) -> dict:
    """What a reader checks in the minutes, in the corpus's terms."""
    meeting = data["meeting"]
    items = data["item"]
    found = {
        "date": meeting["date"],
        "items": [(i["number"], i["title"]) for i in items],
        "decisions": {i["number"]: i["decisions"] for i in items if i["decisions"]},
        "actions": {
            i["number"]: [(a["text"], a["owner"], a.get("due")) for a in i["actions"]]
            for i in items
            if i["actions"]
        },
        "attendance": {
            (row["person"], row["status"], row.get("substitute_for", ""))
            for row in data["attendance"]
        },
        "confidential": {i["number"]: i["confidential_reason"] for i in items if i["confidential"]},
        "declarations": {(d["person"], d["item"], d["interest"]) for d in data["declaration"]},
    }
    for key in ("start_time", "next_meeting_on", "venue"):
        if meeting.get(key):
            found[key] = meeting[key]
    agreed = meeting.get("agrees_notes_of") or {}
    if agreed.get("date"):
        found["agrees_notes_of"] = agreed["date"]
    return found


@pytest.mark.parametrize(("doc", "fmt"), CASES)
def test_minutes_import_as_published_with_their_records(doc, fmt):
    board = board_for(doc)
    reading = read(board, *rendered(doc, fmt), Options())
    assert reading.kind == "notes"
    found = records(reading.data)
    expected = doc.expected
    assert found["date"] == expected["date"]
    assert found["items"] == expected["items"]
    assert found["decisions"] == expected.get("decisions", {})
    assert found["actions"] == {
        number: [tuple(a) for a in actions]
        for number, actions in expected.get("actions", {}).items()
    }
    assert found["attendance"] == expected["attendance"]
    assert found["declarations"] == expected.get("declarations", set())
    assert found["confidential"].keys() == expected.get("confidential", {}).keys()
    for number, words in expected.get("confidential", {}).items():
        assert words in found["confidential"][number]
    for key in ("start_time", "venue", "next_meeting_on", "agrees_notes_of"):
        assert found.get(key) == expected.get(key), key
    for words in expected.get("warnings", []):
        assert any(words in warning for warning in reading.warnings), reading.warnings


def test_the_corpus_has_forty_documents_each_convention_in_several_formats():
    assert len(CASES) >= 40
    assert all(len(doc.formats) >= 2 for doc in DOCUMENTS)


def test_the_same_file_twice_gives_the_same_draft():
    doc = DOCUMENTS[0]
    board = board_for(doc)
    first, new = import_file(board, *rendered(doc, "docx"), Options())
    again = read(board, *rendered(doc, "docx"), Options())
    assert new and again.data == first.parsed


def test_another_boards_minutes_are_read_with_a_warning_to_confirm():
    doc = DOCUMENTS[0]
    board = Board.objects.create(name="Ashby Magna Parish Council", slug="magna")
    reading = read(board, *rendered(doc, "txt"), Options())
    assert reading.data["item"]
    assert any("Ashby Parva Parish Council" in warning for warning in reading.warnings)


def test_a_file_with_nothing_to_import_is_refused_saying_so():
    board = board_for(DOCUMENTS[0])
    with pytest.raises(ImportFailed, match="could not tell what kind of document"):
        read(board, "shopping.md", b"# Shopping\n\n- eggs\n- milk\n", Options())


def test_markdown_front_matter_is_not_the_board_name():
    doc = DOCUMENTS[1]
    board = board_for(doc)
    name, content = rendered(doc, "md")
    assert content.startswith(b"---\ntitle: Cabinet 2012 10 09")
    reading = read(board, name, content, Options())
    assert not [w for w in reading.warnings if "not of the" in w]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    content=st.binary(max_size=3000),
    suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf"]),
)
def test_any_bytes_give_records_or_a_clear_error(content, suffix):
    board = Board.objects.get_or_create(slug="b", defaults={"name": "Ashby Parva"})[0]
    try:
        reading = read(board, f"upload{suffix}", content, Options())
    except ImportFailed as error:
        assert str(error).strip()
    else:
        assert reading.kind in {"notes", "workplan", "report", "update"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=st.sampled_from(DOCUMENTS),
    cut=st.integers(min_value=0, max_value=5000),
    noise=st.binary(max_size=40),
)
def test_damaged_copies_of_real_minutes_give_records_or_a_clear_error(doc, cut, noise):
    board = Board.objects.get_or_create(slug="b", defaults={"name": doc.board})[0]
    name, content = rendered(doc, "txt")
    damaged = content[:cut] + noise + content[cut:]
    try:
        reading = read(board, name, damaged, Options())
    except ImportFailed as error:
        assert str(error).strip()
    else:
        assert reading.data


EXCLUDED_UNDER_ANOTHER_ITEM = """Minutes of the Cabinet
Date: 9 October 2012

1.Apologies
None.

2.Any other business
RESOLVED: That the press and public be excluded for the next item under paragraph 3 of Schedule 12A.

3.Land at Mill Lane
The land was discussed.
"""


def test_items_after_a_resolution_to_exclude_the_public_are_confidential():
    board = Board.objects.create(name="Cabinet", slug="cabinet")
    reading = read(board, "cabinet.txt", EXCLUDED_UNDER_ANOTHER_ITEM.encode(), Options())
    items = reading.data["item"]
    assert [(i["number"], i["title"], i["confidential"]) for i in items] == [
        ("1", "Apologies", False),
        ("2", "Any other business", False),
        ("3", "Land at Mill Lane", True),
    ]
    assert "paragraph 3 of Schedule 12A" in items[2]["confidential_reason"]


LETTERED_RESOLUTIONS = b"""<html><body><main>
<h1>Minutes of the Cabinet</h1><p>Date: 9 October 2012</p>
<ol start="7"><li><h2>Budget</h2></li></ol>
<p>RESOLVED:</p>
<ol type="a"><li>That the forecast be noted.</li><li>That the virements be approved.</li></ol>
<ol start="8"><li><h2>Any other business</h2></li></ol>
</main></body></html>"""


def test_a_lettered_list_of_resolutions_in_a_page_is_each_a_decision():
    board = Board.objects.create(name="Cabinet", slug="cabinet")
    reading = read(board, "cabinet.html", LETTERED_RESOLUTIONS, Options())
    items = reading.data["item"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("7", "Budget"),
        ("8", "Any other business"),
    ]
    assert items[0]["decisions"] == [
        "That the forecast be noted.",
        "That the virements be approved.",
    ]


def test_undated_notes_take_the_date_from_the_file_name_with_a_warning():
    board = Board.objects.create(name="Greenway Trust", slug="greenway")
    notes = b"Board meeting notes\n\n1 Welcome\nAll were welcomed.\n\n2 Finance\nAGREED: To set the budget.\n"
    reading = read(board, "greenway-2022-03-03.md", notes, Options())
    assert reading.kind == "notes"
    assert reading.data["meeting"]["date"] == "2022-03-03"
    assert reading.data["meeting"]["date_doubt"] == "The date was taken from the file's name"
    assert any("taken from the file's name" in warning for warning in reading.warnings)


def test_parish_minutes_typed_in_capitals_as_a_clerk_might():
    """A fixture file, as typed: headings in capitals, minute/year numbers, planning
    applications lettered, an action owner at the end of a sentence, a signature line."""
    path = FIXTURES / "minutes" / "little-bowden-parish-2022-04-12.txt"
    board = Board.objects.create(name="Little Bowden Parish Council", slug="bowden")
    reading = read(board, path.name, path.read_bytes(), Options())
    data = reading.data
    assert (data["meeting"]["date"], data["meeting"]["venue"]) == ("2022-04-12", "VILLAGE HALL")
    assert [i["number"] for i in data["item"]] == [f"22/0{n}" for n in range(41, 48)]
    minutes, allotments, exclusion, staffing = (data["item"][i] for i in (2, 4, 5, 6))
    assert minutes["decisions"][0].startswith("That the minutes of the meeting held on 8th March")
    assert data["meeting"]["agrees_notes_of"]["date"] == "2022-03-08"
    assert allotments["actions"][0]["owner"] == "Clerk"
    assert not exclusion["confidential"] and staffing["confidential"]
    assert "confidential nature of the business" in staffing["confidential_reason"]
    assert data["declaration"] == [
        {
            "person": "K Brown",
            "interest": "Personal interest as a member of the allotment society",
            "item": "22/045",
        }
    ]
    statuses = {row["person"]: row["status"] for row in data["attendance"]}
    assert statuses == {
        "J Smith": "present",
        "K Brown": "present",
        "L Green": "present",
        "M White": "present",
        "N Black": "in_attendance",
        "O Grey": "apologies",
    }
    assert all("not of the" not in warning for warning in reading.warnings)


LAID_OUT_IN_A_TABLE = b"""<html><body><div id="modgov"><div class="mgContent">
<h1>Minutes</h1><p>Cabinet - Tuesday, 9th October 2012 10.00 a.m.</p>
<table>
<tr><td>39.</td><td><h2>Apologies for absence</h2><p>Minutes:</p>
<p>Apologies were received from Councillor Paul Quinn.</p></td></tr>
<tr><td>40.</td><td><h2>Budget monitoring</h2><p class="mgLinks">Report pdf icon PDF 107 KB</p>
<p>Minutes:</p><p>RESOLVED:</p><ul><li>That the forecast be noted.</li></ul></td></tr>
</table></div></div></body></html>"""


def test_a_minutes_page_laid_out_in_a_table_is_read_as_its_items():
    board = Board.objects.create(name="Cabinet", slug="cabinet")
    reading = read(board, "cabinet.html", LAID_OUT_IN_A_TABLE, Options())
    items = reading.data["item"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("39", "Apologies for absence"),
        ("40", "Budget monitoring"),
    ]
    assert items[1]["decisions"] == ["That the forecast be noted."]
    assert {(r["person"], r["status"]) for r in reading.data["attendance"]} == {
        ("Paul Quinn", "apologies")
    }


UNSTRUCTURED = b"""Minutes of the Orchard Group
Date: 4 May 2022

We met at the community hall and talked about the spring pruning and the new trees.
The group agreed to plant six more apple trees in the autumn.
Jo Finch will order the trees from the nursery.
"""


def test_minutes_with_no_items_are_one_item_to_divide_not_refused():
    board = Board.objects.create(name="Orchard Group", slug="orchard")
    reading = read(board, "orchard.txt", UNSTRUCTURED, Options(kind="notes"))
    (item,) = reading.data["item"]
    assert item["doubt"] and "divide" in " ".join(reading.warnings)
    assert item["decisions"] == ["The group agreed to plant six more apple trees in the autumn."]
    assert [(a["text"], a["owner"]) for a in item["actions"]] == [
        ("Jo Finch will order the trees from the nursery.", "Jo Finch")
    ]


DOUBTFUL = b"""Minutes of the Orchard Group
Date: 4 May 2022

1. Pruning
The pruning rota would be circulated before the next meeting.
Votes: 5 for, 1 against.

2. Any other business
None.
"""


def test_what_a_recogniser_only_suspects_is_kept_and_tagged_check_with_its_reason():
    board = Board.objects.create(name="Orchard Group", slug="orchard")
    reading = read(board, "orchard.txt", DOUBTFUL, Options(kind="notes"))
    pruning = reading.data["item"][0]
    (action,) = pruning["actions"]
    assert action["doubt"] == "a task to be done, without saying who"
    assert pruning["decisions"] == ["Votes: 5 for, 1 against."]
    assert pruning["decision_doubts"] == ["records a vote"]
    assert any("tagged Check" in warning for warning in reading.warnings)


def test_a_file_with_no_text_is_refused():
    board = Board.objects.create(name="Orchard Group", slug="orchard")
    with pytest.raises(ImportFailed, match=r"is empty|no text"):
        read(board, "empty.md", b"   \n\n  \n", Options(kind="notes"))

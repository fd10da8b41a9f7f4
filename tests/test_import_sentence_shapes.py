"""Shapes of sentences and lines that minutes share, read the same whatever the body: a task
a pronoun takes on, two tasks in one sentence, a decision followed by a condition about an
earlier event, a body that discussed and then agreed, an outcome at the end of an
application's line, and text converted from a PDF line by line with blank lines between.
Every sentence is invented; each shape is read from a whole document too, in every format,
in tests/minutes_corpus.py (THORNLEY)."""

import pytest

from boards.models import Board
from imports import recognisers
from imports.services import Options, read

pytestmark = pytest.mark.django_db


def tasks(sentence: str, before: str = "") -> list[tuple[str, str]]:
    who = recognisers.speaker(before, sentence)
    return [(t.text, t.owner) for t in recognisers.tasks_in(sentence, who)]


@pytest.mark.parametrize(
    ("before", "sentence", "expected"),
    [
        (
            "Cllr Rosa Tate reported on the verges.",
            "She will ask the county to cut them in May.",
            [("She will ask the county to cut them in May.", "Cllr Rosa Tate")],
        ),
        (
            "",
            "At the suggestion of Cllr Owen Pike the Council agreed that he draft a letter to "
            "the bus company.",
            [
                (
                    "At the suggestion of Cllr Owen Pike the Council agreed that he draft a "
                    "letter to the bus company.",
                    "Cllr Owen Pike",
                )
            ],
        ),
        (
            "",
            "Mr Ian Lowe described the new planting and he will be sending a plan to every member.",
            [
                (
                    "Mr Ian Lowe described the new planting and he will be sending a plan to "
                    "every member.",
                    "Mr Ian Lowe",
                )
            ],
        ),
    ],
)
def test_a_task_a_pronoun_takes_on_is_the_person_named_before(before, sentence, expected):
    assert tasks(sentence, before) == expected


def test_a_pronoun_with_nobody_named_before_leaves_the_owner_to_the_clerk():
    ((_text, owner),) = tasks("He will bring the keys to the next meeting.")
    assert owner == ""


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "After the storm the Parish Council will replace the fence and a contractor will "
            "be asked to clear the ditch.",
            [
                ("After the storm the Parish Council will replace the fence", "Parish Council"),
                ("a contractor will be asked to clear the ditch", ""),
            ],
        ),
        (
            "The Treasurer advised that new cards would be issued by the bank next month and "
            "that a short guide would be sent out with them.",
            [
                (
                    "The Treasurer advised that new cards would be issued by the bank next month",
                    "",
                ),
                ("a short guide would be sent out with them", ""),
            ],
        ),
    ],
)
def test_two_tasks_in_one_sentence_are_two_actions(sentence, expected):
    assert tasks(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Consideration will be given to a second bench at the next meeting.",
        "The Members asked for a report on the car park to be prepared by the officers.",
        "The annual return to be signed by the Chair and sent to the auditor.",
        "There had been changes to the grant scheme which the Secretary would be sending round.",
    ],
)
def test_a_task_without_the_usual_who_and_will_is_an_action(sentence):
    assert tasks(sentence)


def test_a_report_of_what_someone_else_will_do_is_a_task_to_check():
    found = recognisers.reported_action(
        "Sam Ortiz reports the man who cuts the grass will send his invoice to the clerk."
    )
    assert found is not None and found.doubt


@pytest.mark.parametrize(
    "sentence",
    [
        # A condition about an earlier event after the decision does not undo it.
        "Two quotes were considered and it was agreed to decide at the next meeting when "
        "prices have been confirmed.",
        # "if" in another clause does not make the agreement conditional.
        "The bank wrote asking if the council had received the grant, and it was agreed that "
        "the Clerk would reply.",
        # What someone asked, then a clause of its own that records the agreement.
        "The Chair asked members how to fill the vacancy and it was agreed that the Clerk "
        "would advertise it.",
        "The Board discussed the draft letter and made two changes, but agreed that it be "
        "sent in June.",
        "The Committee certified that the accounts are a fair record of the year.",
        "22/0701 Garden room at 3 Orchard Close – supported by the Parish Council.",
    ],
)
def test_decisions_in_the_shapes_minutes_use(sentence):
    assert recognisers.decision_in(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The budget had been approved at the last meeting.",
        "The Clerk asked whether the lease could be agreed before May.",
    ],
)
def test_earlier_events_and_conditions_are_no_decisions(sentence):
    assert recognisers.decision_in(sentence) is None


# Text converted from a PDF line by line: each printed line a paragraph, blank lines between,
# a list of names broken after a comma and between a title's initial and the surname, and a
# sentence broken after "the" before a capitalised word.
LINE_BY_LINE = """Wickham Fen Parish Council

Minutes of the meeting held on 14 November 2022

Present:

Cllr A Rowe, Cllr B Shaw, Cllr C Tull,

Cllr D Vane, Cllr E

Wade.

1. Play area

Following a complaint the Chair asked how the inspection of the

Play area should be arranged and it was agreed that the Clerk would book

an inspector for December.

2. Finance

Cllr B Shaw proposed that the precept stay at last year's figure. This proposal was

seconded by Cllr C Tull and agreed.
"""


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_text_converted_line_by_line_is_read_as_its_paragraphs(suffix):
    board = Board.objects.create(name="Wickham Fen Parish Council", slug="wickham")
    reading = read(board, f"wickham.{suffix}", LINE_BY_LINE.encode(), Options(kind="notes"))
    data = reading.data
    present = {row["person"] for row in data["attendance"] if row["status"] == "present"}
    assert present == {"A Rowe", "B Shaw", "C Tull", "D Vane", "E Wade"}
    play, finance = data["item"]
    assert play["decisions"] == [
        "Following a complaint the Chair asked how the inspection of the Play area should be "
        "arranged and it was agreed that the Clerk would book an inspector for December."
    ]
    assert finance["decisions"] == [
        "Cllr B Shaw proposed that the precept stay at last year's figure. This proposal was "
        "seconded by Cllr C Tull and agreed."
    ]


# Items on lines of their own; inside item 4, a numbered point with a colon that only looks
# like an item printed out of order.
POINTS_INSIDE_AN_ITEM = """Wickham Fen Parish Council

Minutes of the meeting held on 12 December 2022

1. Apologies

None were received.

2. Minutes

The minutes of the last meeting were approved as a true record.

3. Finance

The accounts were noted.

4. Highways

The Clerk reported on the points raised with the county.

2. Hedges: the county will write to the owners of the hedges on Fen Lane.
"""


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_a_numbered_point_inside_an_item_is_not_an_item_out_of_order(suffix):
    board = Board.objects.create(name="Wickham Fen Parish Council", slug="wickham")
    content = POINTS_INSIDE_AN_ITEM.encode()
    reading = read(board, f"wickham.{suffix}", content, Options(kind="notes"))
    assert [i["number"] for i in reading.data["item"]] == ["1", "2", "3", "4"]
    assert not any("out of order" in warning for warning in reading.warnings)


def test_a_task_in_a_clause_that_leaves_out_its_he_or_she_is_the_speakers():
    found = recognisers.reported_action(
        "The Treasurer reported that she had finished the figures and would be sending them "
        "to the auditor."
    )
    assert found is not None and found.owner == "Treasurer" and found.doubt
    assert recognisers.action_in("He finished the survey and would be glad to help.", "Bo") is None


GROUPED_LIST = """Wickham Fen Parish Council

Minutes of the meeting held on 9 January 2023

Present:

Cllr A Rowe, Cllr B Shaw

Co-opted members:

Ms F Yates, Mr G Zane

1. Apologies

None were received.
"""


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_a_groups_label_inside_a_list_of_names_is_no_person(suffix):
    board = Board.objects.create(name="Wickham Fen Parish Council", slug="wickham")
    reading = read(board, f"wickham.{suffix}", GROUPED_LIST.encode(), Options(kind="notes"))
    present = {row["person"] for row in reading.data["attendance"] if row["status"] == "present"}
    assert present == {"A Rowe", "B Shaw", "F Yates", "G Zane"}

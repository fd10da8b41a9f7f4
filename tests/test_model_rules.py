"""The rules the database and the models keep, whoever writes the data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from boards.models import BoardYear, Membership, Person
from meetings.models import Action, Attendance, Meeting
from workplan.models import Activity, WorkProgramme

from .factories import (
    ActionFactory,
    ActivityFactory,
    AgendaItemFactory,
    AttendanceFactory,
    BoardFactory,
    BoardYearFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    PriorityThemeFactory,
    ProgressUpdateFactory,
    WorkProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def refused(callable_, *args, **kwargs) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_(*args, **kwargs)


class TestBoardYear:
    def test_label_and_slug(self):
        year = BoardYearFactory(start_year=2022)
        assert year.label == "2022/23"
        assert year.slug == "2022-23"
        assert str(BoardYearFactory(start_year=1999)) == "1999/00"

    @pytest.mark.parametrize(
        ("slug", "expected"),
        [("2022-23", 2022), ("1999-00", 1999), ("2022-24", None), ("22-23", None), ("x", None)],
    )
    def test_start_year_from_slug(self, slug, expected):
        assert BoardYear.start_year_from_slug(slug) == expected

    def test_year_must_end_after_it_starts(self):
        refused(
            BoardYear.objects.create,
            start_year=2030,
            starts_on=datetime.date(2030, 9, 1),
            ends_on=datetime.date(2030, 8, 1),
        )

    def test_containing(self):
        year = BoardYearFactory(start_year=2022)
        assert list(BoardYear.objects.containing(datetime.date(2023, 3, 23))) == [year]
        assert not BoardYear.objects.containing(datetime.date(2023, 9, 1)).exists()


class TestPerson:
    def test_display_name_as_the_notes_print_it(self):
        person = PersonFactory(honorific="Cllr", name="Morris Bright", post_nominals="MBE")
        assert person.display_name == "Cllr Morris Bright MBE"

    def test_slugs_stay_unique_for_people_with_the_same_name(self):
        first = PersonFactory(name="Jo Smith")
        second = PersonFactory(name="Jo Smith")
        assert (first.slug, second.slug) == ("jo-smith", "jo-smith-2")

    def test_one_membership_per_role_per_year(self):
        membership = MembershipFactory(role=Membership.Role.MEMBER)
        refused(
            Membership.objects.create,
            person=membership.person,
            board=membership.board,
            year=membership.year,
            role=Membership.Role.MEMBER,
        )
        # The same person can hold a second role, e.g. member and lead member.
        Membership.objects.create(
            person=membership.person,
            board=membership.board,
            year=membership.year,
            role=Membership.Role.LEAD_MEMBER,
        )

    def test_a_person_with_memberships_cannot_be_deleted(self):
        membership = MembershipFactory()
        with pytest.raises(ProtectedError):
            membership.person.delete()


class TestWorkProgramme:
    def test_one_programme_per_board_and_year(self):
        programme = WorkProgrammeFactory()
        refused(WorkProgramme.objects.create, board=programme.board, year=programme.year)

    def test_budget_remaining_is_budget_less_allocations(self):
        programme = WorkProgrammeFactory(policy_budget=80000)
        theme = PriorityThemeFactory(programme=programme)
        ActivityFactory(theme=theme, budget_allocated=50000)
        ActivityFactory(theme=theme, budget_allocated=25000)
        ActivityFactory(theme=theme, budget_allocated=None)
        annotated = WorkProgramme.objects.with_budget_allocated().get(pk=programme.pk)
        assert annotated.budget_allocated == 75000
        assert annotated.budget_remaining(annotated.budget_allocated) == 5000

    def test_negative_budget_refused(self):
        refused(WorkProgrammeFactory, policy_budget=-1)

    def test_agreed_on_only_for_agreed_programmes(self):
        refused(WorkProgrammeFactory, status="proposed", agreed_on=datetime.date(2022, 9, 20))


class TestActivity:
    def test_with_last_update(self):
        activity = ActivityFactory()
        ProgressUpdateFactory(activity=activity, date=datetime.date(2023, 1, 1))
        ProgressUpdateFactory(activity=activity, date=datetime.date(2023, 3, 1))
        untouched = ActivityFactory(theme=activity.theme)
        rows = {a.pk: a.last_update_on for a in Activity.objects.with_last_update()}
        assert rows == {activity.pk: datetime.date(2023, 3, 1), untouched.pk: None}

    def test_for_year(self):
        this_year = ActivityFactory()
        ActivityFactory(theme__programme__year=BoardYearFactory(start_year=2023))
        assert list(Activity.objects.for_year(this_year.theme.programme.year)) == [this_year]

    def test_titles_unique_within_a_theme(self):
        activity = ActivityFactory()
        refused(ActivityFactory, theme=activity.theme, title=activity.title)

    def test_can_only_carry_forward_from_an_earlier_year(self):
        later = ActivityFactory(theme__programme__year=BoardYearFactory(start_year=2023))
        earlier = ActivityFactory(theme__programme__year=BoardYearFactory(start_year=2022))
        later.carried_forward_from = earlier
        later.full_clean()
        earlier.carried_forward_from = later
        with pytest.raises(ValidationError, match="earlier year"):
            earlier.full_clean()

    def test_an_activity_with_updates_cannot_be_deleted(self):
        update = ProgressUpdateFactory()
        with pytest.raises(ProtectedError):
            update.activity.delete()

    def test_a_theme_with_activities_cannot_be_deleted(self):
        activity = ActivityFactory()
        with pytest.raises(ProtectedError):
            activity.theme.delete()


class TestMeeting:
    def test_one_meeting_of_a_kind_a_day(self):
        meeting = MeetingFactory()
        refused(MeetingFactory, board=meeting.board, date=meeting.date)
        MeetingFactory(board=meeting.board, date=meeting.date, kind=Meeting.Kind.LEAD_MEMBERS)

    def test_notes_agreed_only_at_a_later_meeting(self):
        meeting = MeetingFactory(date=datetime.date(2021, 11, 9))
        earlier = MeetingFactory(board=meeting.board, date=datetime.date(2021, 9, 21))
        meeting.notes_status = Meeting.NotesStatus.AGREED
        meeting.notes_agreed_at = earlier
        with pytest.raises(ValidationError, match="later meeting"):
            meeting.full_clean()

    def test_agreed_at_needs_agreed_status(self):
        later = MeetingFactory(date=datetime.date(2022, 1, 20))
        refused(
            MeetingFactory,
            board=later.board,
            date=datetime.date(2021, 11, 9),
            notes_status=Meeting.NotesStatus.PUBLISHED,
            notes_agreed_at=later,
        )

    def test_a_meeting_with_notes_cannot_be_deleted(self):
        item = AgendaItemFactory()
        with pytest.raises(ProtectedError):
            item.meeting.delete()
        assert Meeting.objects.filter(pk=item.meeting.pk).exists()

    def test_in_year_and_public_notes(self):
        year = BoardYearFactory(start_year=2021)
        inside = MeetingFactory(date=datetime.date(2021, 11, 9))
        MeetingFactory(date=datetime.date(2022, 11, 9))
        draft = MeetingFactory(date=datetime.date(2022, 1, 20), notes_status="draft")
        assert set(Meeting.objects.in_year(year)) == {inside, draft}
        assert set(Meeting.objects.in_year(year).with_public_notes()) == {inside}


class TestAttendance:
    def test_substitute_for_only_on_substitutes(self):
        member = PersonFactory()
        refused(AttendanceFactory, status=Attendance.Status.PRESENT, substitute_for=member)
        sub = AttendanceFactory(status=Attendance.Status.SUBSTITUTE, substitute_for=member)
        assert sub.substitute_for == member

    def test_nobody_substitutes_for_themselves(self):
        person = PersonFactory()
        refused(AttendanceFactory, person=person, status="substitute", substitute_for=person)

    def test_one_row_per_person_per_meeting(self):
        attendance = AttendanceFactory()
        refused(AttendanceFactory, meeting=attendance.meeting, person=attendance.person)


class TestAgendaItem:
    def test_item_numbers_unique_within_a_meeting(self):
        item = AgendaItemFactory(number="8.a")
        refused(AgendaItemFactory, meeting=item.meeting, number="8.a")
        AgendaItemFactory(number="8.a")  # another meeting

    def test_only_confidential_items_can_hide_their_title(self):
        refused(AgendaItemFactory, is_confidential=False, title_is_confidential=True)
        AgendaItemFactory(is_confidential=True, title_is_confidential=True)

    def test_discussion_point_list(self):
        item = AgendaItemFactory(discussion_points="First point\n\n  Second point \n")
        assert item.discussion_point_list() == ["First point", "Second point"]


class TestAction:
    def test_an_action_needs_an_owner(self):
        refused(ActionFactory, owner=None, owner_team="")
        assert ActionFactory(owner=PersonFactory(), owner_team="").owner_label

    def test_not_due_before_its_meeting(self):
        action = ActionFactory(agenda_item__meeting__date=datetime.date(2021, 11, 9))
        action.due_date = datetime.date(2021, 11, 8)
        with pytest.raises(ValidationError, match="due before the meeting"):
            action.full_clean()
        action.due_date = datetime.date(2021, 11, 9)
        action.full_clean()

    def test_an_open_action_is_not_closed_at_a_meeting(self):
        action = ActionFactory()
        later = MeetingFactory(board=action.agenda_item.meeting.board)
        action.closed_at_meeting = later
        refused(action.save)

    def test_overdue_means_open_and_past_its_due_date(self):
        meeting = MeetingFactory(date=datetime.date(2022, 1, 1))
        overdue = ActionFactory(agenda_item__meeting=meeting, due_date=datetime.date(2022, 2, 1))
        ActionFactory(agenda_item__meeting=meeting, due_date=datetime.date(2022, 6, 1))
        ActionFactory(
            agenda_item__meeting=meeting, due_date=datetime.date(2022, 2, 1), status="done"
        )
        ActionFactory(agenda_item__meeting=meeting, due_date=None)
        assert list(Action.objects.overdue(datetime.date(2022, 3, 1))) == [overdue]

    def test_an_item_with_actions_cannot_be_deleted(self):
        action = ActionFactory()
        with pytest.raises(ProtectedError):
            action.agenda_item.delete()


def test_every_edit_is_kept_in_history():
    activity = ActivityFactory(status="agreed")
    activity.status = "in_progress"
    activity.save()
    assert [h.status for h in activity.history.all()] == ["in_progress", "agreed"]
    assert Person.history.count() >= 1


def test_a_boards_current_programme_is_its_latest_agreed_one_of_a_year_begun():
    board = WorkProgrammeFactory(year=BoardYearFactory(start_year=2020)).board
    programmes = WorkProgramme.objects.filter(board=board)
    today = datetime.date(2023, 1, 10)

    def both():
        """current(), and current_by_board() for every board at once, which must agree."""
        one = programmes.current(today)
        assert WorkProgramme.objects.current_by_board(today).get(board.pk) == one
        return one and one.year.start_year

    assert both() == 2020
    WorkProgrammeFactory(board=board, year=BoardYearFactory(start_year=2021))
    assert both() == 2021
    # A later year still being proposed does not replace the agreed one...
    WorkProgrammeFactory(
        board=board,
        year=BoardYearFactory(start_year=2022),
        status=WorkProgramme.Status.PROPOSED,
    )
    # ...nor does an agreed year that has not begun.
    WorkProgrammeFactory(board=board, year=BoardYearFactory(start_year=2023))
    assert both() == 2021
    # With none agreed, the latest begun, even if only proposed.
    programmes.filter(year__start_year__lte=2021).update(status=WorkProgramme.Status.PROPOSED)
    assert both() == 2022
    # With none begun, none.
    assert programmes.current(datetime.date(2019, 1, 1)) is None


@pytest.mark.parametrize(
    ("allocated", "left", "over"), [(None, 1000, 0), (400, 600, 0), (1000, 0, 0), (1500, 0, 500)]
)
def test_a_budget_position_is_what_is_left_or_how_far_beyond(allocated, left, over):
    position = WorkProgramme(policy_budget=1000).budget_position(allocated)
    assert (position.left, position.over) == (left, over)
    assert WorkProgramme(policy_budget=None).budget_position(allocated) is None


def test_a_meetings_page_links_to_its_neighbours_of_its_kind_and_the_notes_it_agreed():
    board = BoardFactory()
    day = datetime.date(2023, 1, 10)

    def meeting(weeks: int, kind=Meeting.Kind.BOARD, **fields) -> Meeting:
        date = day + datetime.timedelta(weeks=weeks)
        return MeetingFactory(board=board, date=date, kind=kind, **fields)

    first, second, third, fourth = meeting(0), meeting(4), meeting(8), meeting(12)
    # Between them, a meeting of another kind and another board's: neither is a neighbour.
    lead_members = meeting(6, kind=Meeting.Kind.LEAD_MEMBERS)
    MeetingFactory(date=day + datetime.timedelta(weeks=5))
    agreed = Meeting.NotesStatus.AGREED
    Meeting.objects.filter(pk=first.pk).update(notes_status=agreed, notes_agreed_at=second)
    Meeting.objects.filter(pk=second.pk).update(notes_status=agreed, notes_agreed_at=lead_members)
    second.refresh_from_db()

    linked = Meeting.objects.linked_from(second)
    assert (linked.previous, linked.next) == (first, third)
    assert linked.agreed_notes_of == [first]
    assert linked.notes_agreed_at == lead_members
    assert linked.next.board == board  # read with it: its address needs no query

    at_either_end = Meeting.objects.linked_from(fourth)
    assert (at_either_end.previous, at_either_end.next) == (third, None)
    assert at_either_end.agreed_notes_of == [] and at_either_end.notes_agreed_at is None
    assert Meeting.objects.linked_from(first).previous is None

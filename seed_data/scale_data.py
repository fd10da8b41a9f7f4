"""Realistic data at scale for benchmarks: many boards over many years, with the volumes a
national body or a large council reaches. Text is recombined from the demo board's own
records so that search has real words to find. Everything is bulk-inserted per board."""

import datetime
import random
import re
import tomllib
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from boards.models import Authority, Board, BoardYear, Membership, Person
from meetings.models import Action, ActivityReport, AgendaItem, Attendance, Decision, Meeting, Paper
from workplan.models import Activity, ActivityStatus, PriorityTheme, ProgressUpdate, WorkProgramme

from .demo import DEMO_DATA_DIR

SLUG_PREFIX = "sc-"
BATCH = 2000


@dataclass(frozen=True)
class Scale:
    boards: int
    years: int
    themes: int = 5
    activities_per_theme: int = 10
    updates_per_activity: int = 5
    meetings_per_year: int = 5
    items_per_meeting: int = 10
    actions_per_item: int = 3
    links_per_year: int = 20
    members: int = 20


SCALES = {
    "S": Scale(boards=1, years=3),
    "M": Scale(boards=10, years=10),
    "L": Scale(boards=50, years=20),
    # Ten times L: one service for every council's boards. Hours to fill, so outside CI.
    "XL": Scale(boards=500, years=20),
}

BOARD_NAMES = [
    "Safer Communities Board",
    "Children and Young People Board",
    "Community Wellbeing Board",
    "Culture, Tourism and Sport Board",
    "Environment and Housing Board",
    "Fire Services Committee",
    "People and Places Board",
    "Resources Board",
    "Improvement Board",
    "Planning Committee",
    "Licensing Committee",
    "Audit and Governance Committee",
    "Overview and Scrutiny Committee",
    "Health and Wellbeing Board",
    "Adult Social Care Committee",
    "Transport Committee",
]
THEMES = [
    "Community safety",
    "Counter-extremism and cohesion",
    "Licensing and regulation",
    "Blue light services and civil resilience",
    "Voluntary and community sector",
    "Crematoria, coroners and registrars",
    "Building safety",
    "Workforce and capacity",
]
MEETING_MONTHS = [(9, 20), (11, 15), (1, 20), (3, 23), (6, 15)]
FIRST_NAMES = "Alan Anita Arnold Carole Charles Chris Clive Colin Ellie Helen James Janet Jeanie Jeremy Jim Jo Judith Kate Katrina Lewis Lisa Maggie Margaret Mark Matt Morris Nesil Nick Penny Peter Rachel Simon Vic".split()
SURNAMES = "Beall Beavis Bell Blackburn Bright Burdis Caliskan Carr Cocking Collins Daby Dawson Duke Fenn Greenwood Haigh Hilton Hobman Jonson Loft Lower Mullane Norris Phelps Pillai Pritchard Rhodes Saunders Spence Targowska Wallace Wood Woodbridge Worth".split()


def corpus() -> list[str]:
    """Sentences from the demo board's papers and notes."""
    texts = []
    for path in sorted(DEMO_DATA_DIR.glob("*.toml")):
        with open(path, "rb") as f:
            texts += list(_strings(tomllib.load(f)))
    sentences = {
        s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if 40 < len(s.strip()) < 400
    }
    return sorted(sentences)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


class Generator:
    def __init__(self, scale: Scale, today: datetime.date, seed: int = 2023) -> None:
        self.scale = scale
        self.today = today
        self.seed = seed
        self.random = random.Random(seed)
        self.sentences = corpus()
        current = today.year if today.month >= 9 else today.year - 1
        self.start_years = list(range(current - scale.years + 1, current + 1))

    def text(self, low: int, high: int) -> str:
        return " ".join(
            self.random.choice(self.sentences) for _ in range(self.random.randint(low, high))
        )

    def title(self) -> str:
        sentence = self.random.choice(self.sentences)
        words = sentence.split()[: self.random.randint(5, 12)]
        return " ".join(words).rstrip(",.;:")

    def run(self, first: int = 0) -> dict[str, int]:
        """Make boards `first` onwards, with their people and every year's records."""
        years = {
            y: BoardYear.objects.get_or_create(
                start_year=y,
                defaults={
                    "starts_on": datetime.date(y, 9, 1),
                    "ends_on": datetime.date(y + 1, 8, 31),
                },
            )[0]
            for y in self.start_years
        }
        authorities = [
            Authority.objects.get_or_create(name=f"{s} Borough Council")[0] for s in SURNAMES[:20]
        ]
        counts: dict[str, int] = {}
        for n in range(first, self.scale.boards):
            # Each board from a seed of its own, so a fill that stopped part way carries on
            # with the boards it would have made; each board is one transaction, so whole.
            self.random = random.Random(f"{self.seed}-{n}")
            with transaction.atomic():
                for key, value in self.board(n, years, authorities).items():
                    counts[key] = counts.get(key, 0) + value
        return counts

    def board(self, n: int, years: dict[int, BoardYear], authorities) -> dict[str, int]:
        name = BOARD_NAMES[n % len(BOARD_NAMES)] + (
            f" {n // len(BOARD_NAMES) + 1}" if n >= len(BOARD_NAMES) else ""
        )
        board = Board.objects.create(
            name=f"{name} (scale {n + 1})",
            short_name=f"SC{n + 1}",
            slug=f"{SLUG_PREFIX}{n + 1}-{slugify(name)}"[:50],
            description=self.text(1, 2),
        )
        people = self.people(board, n, authorities)
        councillors = [p for p in people if p.kind == Person.Kind.COUNCILLOR]
        officers = [p for p in people if p.kind == Person.Kind.OFFICER]
        counts = {"boards": 1, "people": len(people)}
        for year in years.values():
            for key, value in self.year(board, year, councillors, officers).items():
                counts[key] = counts.get(key, 0) + value
        return counts

    def people(self, board: Board, n: int, authorities) -> list[Person]:
        people = []
        for i in range(self.scale.members + 10):
            first, last = self.random.choice(FIRST_NAMES), self.random.choice(SURNAMES)
            people.append(
                Person(
                    honorific="Cllr",
                    name=f"{first} {last}",
                    kind=Person.Kind.COUNCILLOR,
                    authority=self.random.choice(authorities),
                    slug=f"{SLUG_PREFIX}{n + 1}-c{i}-{slugify(first + ' ' + last)}",
                )
            )
        for i in range(8):
            first, last = self.random.choice(FIRST_NAMES), self.random.choice(SURNAMES)
            people.append(
                Person(
                    name=f"{first} {last}",
                    kind=Person.Kind.OFFICER,
                    job_title=self.random.choice(
                        ["Adviser", "Senior Adviser", "Principal Policy Adviser"]
                    ),
                    organisation="Local Government Association",
                    slug=f"{SLUG_PREFIX}{n + 1}-o{i}-{slugify(first + ' ' + last)}",
                )
            )
        return Person.objects.bulk_create(people, batch_size=BATCH)

    def year(self, board, year, councillors, officers) -> dict[str, int]:
        scale, rnd = self.scale, self.random
        finished = year.ends_on < self.today
        programme = WorkProgramme.objects.create(
            board=board,
            year=year,
            status=WorkProgramme.Status.AGREED,
            agreed_on=datetime.date(year.start_year, 9, 20),
            policy_budget=rnd.choice([None, 50000, 80000]),
        )
        themes = PriorityTheme.objects.bulk_create(
            [
                PriorityTheme(programme=programme, title=t, order=i)
                for i, t in enumerate(rnd.sample(THEMES, scale.themes), 1)
            ]
        )
        statuses = (
            [ActivityStatus.COMPLETE] * 6
            + [
                ActivityStatus.NOT_PROGRESSED,
                ActivityStatus.CARRIED_FORWARD,
                ActivityStatus.DROPPED,
                ActivityStatus.IN_PROGRESS,
            ]
            if finished
            else [ActivityStatus.IN_PROGRESS] * 6
            + [ActivityStatus.AGREED] * 3
            + [ActivityStatus.PROPOSED]
        )
        activities = Activity.objects.bulk_create(
            [
                Activity(
                    theme=theme,
                    title=f"{self.title()} ({year.label}, {i})",
                    description=self.text(1, 3),
                    lead_officer=rnd.choice(officers),
                    status=rnd.choice(statuses),
                    rag=rnd.choice(["red", "amber", "green", "green", ""]),
                    indicative_timing=rnd.choice(["Autumn", "By March", "Ongoing", ""]),
                    order=i,
                )
                for theme in themes
                for i in range(1, scale.activities_per_theme + 1)
            ],
            batch_size=BATCH,
        )
        updates = []
        for activity in activities:
            for k in range(scale.updates_per_activity):
                day = year.starts_on + datetime.timedelta(days=30 + k * 60 + rnd.randint(0, 20))
                if day <= self.today:
                    updates.append(
                        ProgressUpdate(
                            activity=activity,
                            date=day,
                            author=activity.lead_officer,
                            text=self.text(2, 4),
                            status=activity.status,
                            rag=activity.rag,
                        )
                    )
        ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
        members = rnd.sample(councillors, scale.members)
        Membership.objects.bulk_create(
            [
                Membership(
                    person=p,
                    board=board,
                    year=year,
                    role=Membership.Role.CHAIR
                    if i == 0
                    else Membership.Role.VICE_CHAIR
                    if i == 1
                    else Membership.Role.MEMBER,
                )
                for i, p in enumerate(members)
            ]
        )
        meetings = []
        for month, day in MEETING_MONTHS[: scale.meetings_per_year]:
            date = datetime.date(year.start_year + (month < 9), month, day)
            status = (
                Meeting.NotesStatus.SCHEDULED
                if date > self.today
                else Meeting.NotesStatus.AGREED
                if date < self.today - datetime.timedelta(days=120)
                else Meeting.NotesStatus.PUBLISHED
            )
            meetings.append(
                Meeting(
                    board=board,
                    date=date,
                    start_time=datetime.time(11, 0),
                    venue="18 Smith Square, London",
                    notes_status=status,
                )
            )
        meetings = Meeting.objects.bulk_create(meetings)
        items, attendance = [], []
        for meeting in meetings:
            for i in range(1, scale.items_per_meeting + 1):
                confidential = rnd.random() < 0.02
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        number=str(i),
                        order=i,
                        title=self.title(),
                        is_confidential=confidential,
                        confidential_reason="Commercially sensitive" if confidential else "",
                        introduction=self.text(2, 5),
                        discussion_points="\n".join(
                            self.text(1, 2) for _ in range(rnd.randint(0, 4))
                        ),
                    )
                )
            if meeting.notes_status != Meeting.NotesStatus.SCHEDULED:
                for person in members:
                    attendance.append(
                        Attendance(
                            meeting=meeting,
                            person=person,
                            status=rnd.choice(
                                [Attendance.Status.PRESENT] * 5 + [Attendance.Status.APOLOGIES]
                            ),
                        )
                    )
        items = AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        papers, decisions, actions = [], [], []
        for item in items:
            if item.number in ("3", "4", "5"):
                papers.append(
                    Paper(
                        agenda_item=item,
                        title=item.title,
                        purpose=rnd.choice(["decision", "direction", "information", "discussion"]),
                        summary=self.text(1, 2),
                        recommendation=self.text(1, 1),
                        contact_officer=rnd.choice(officers),
                        body=self.text(4, 8),
                    )
                )
            if item.meeting.notes_status == Meeting.NotesStatus.SCHEDULED:
                continue
            decisions.append(Decision(agenda_item=item, text=self.text(1, 1), order=1))
            for k in range(1, scale.actions_per_item + 1):
                due = item.meeting.date + datetime.timedelta(days=rnd.randint(20, 90))
                open_ = due > self.today - datetime.timedelta(days=60) and rnd.random() < 0.7
                actions.append(
                    Action(
                        agenda_item=item,
                        text=f"Officers to {self.title().lower()}",
                        owner=rnd.choice(officers) if rnd.random() < 0.5 else None,
                        owner_team="Officers",
                        due_date=due,
                        status=Action.Status.OPEN
                        if open_
                        else rnd.choice([Action.Status.DONE] * 4 + [Action.Status.DROPPED]),
                        order=k,
                    )
                )
        Paper.objects.bulk_create(papers, batch_size=BATCH)
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        Action.objects.bulk_create(actions, batch_size=BATCH)
        pairs = set()
        while len(pairs) < min(scale.links_per_year, len(items) * len(activities)):
            pairs.add((rnd.choice(items).pk, rnd.choice(activities).pk))
        ActivityReport.objects.bulk_create(
            [ActivityReport(agenda_item_id=i, activity_id=a) for i, a in sorted(pairs)]
        )
        return {
            "programmes": 1,
            "activities": len(activities),
            "progress updates": len(updates),
            "meetings": len(meetings),
            "agenda items": len(items),
            "actions": len(actions),
            "links": len(pairs),
            "attendance": len(attendance),
        }


def scale_boards_present() -> int:
    return Board.objects.filter(slug__startswith=SLUG_PREFIX).count()

"""The example board: a fictional community safety partnership with a whole year of records,
dated from the day the demo is loaded, beside the SSCB's real ones.

The SSCB's records are its published ones and must not be given invented notes: real
councillors' names would be attached to words they never said. So the whole board cycle
(a programme agreed at a meeting, officers' updates, meetings with notes agreed at the next,
matters arising, the year before's end-of-year report sent and commented on, reminders due)
is shown on a board of its own, with plainly fictional people.

Dates are worked out from `today`: the board meets about every nine weeks, four meetings
held and the next one ahead, so whatever the day the current board year has an agreed
programme and a meeting coming. The meetings fall in whichever board year their date is in:
those before 1 September report on last year's programme, the rest on this year's.

The board is made once. Loading the demo again, on any day, leaves it as it is, with
everything users have changed since: nothing is moved to the new day.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model

from boards.models import Authority, Board, BoardRole, BoardYear, Membership, Person
from meetings.models import (
    Action,
    ActionFollowUp,
    ActivityReport,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    Paper,
)
from meetings.paper_files import PaperFile
from meetings.services import publish_agenda
from papers import packs
from reports.builder import all_paragraphs
from reports.models import EndOfYearReport, ReviewComment
from reports.services import send_to_board
from workplan.models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme

from .example_papers import attach_papers
from .loading import LoadSummary, RecordLoader

SLUG = "ebcsp"
BOARD = {
    "name": "Example Borough Community Safety Partnership Board",
    "short_name": "EBCSP",
    "description": (
        "A fictional example board, made up to show a whole year of a board's work: its "
        "programme, meetings, notes, actions and end-of-year report. Its people, places and "
        "records are invented; any likeness to real people is chance. The Safer and Stronger "
        "Communities Board beside it is real, with its published records."
    ),
    "parent_organisation": "Example Borough Council (fictional)",
}

# The development sign-ins of the example board: username, role, the person they sign in as.
# load_demo makes them without a usable password; create_dev_admin gives them one, in
# development only.
SIGN_INS = [
    ("ebcsp-clerk", BoardRole.Role.CLERK, "Chris Clerkwell"),
    ("ebcsp-officer", BoardRole.Role.POLICY_OFFICER, "Sam Policyworth"),
    ("ebcsp-member", BoardRole.Role.BOARD_MEMBER, "Priya Testwell"),
]

AUTHORITIES = [
    "Example Borough Council",
    "Exampleshire County Council",
    "Sampleton District Council",
    "Demoford Town Council",
]

# fmt: off
# (honorific, name, kind, authority or organisation, job title, role on the board)
PEOPLE = [
    ("Cllr", "Helen Sampleford", "councillor", "Example Borough Council", "Labour", "chair"),
    ("Cllr", "Tom Exampleton", "councillor", "Exampleshire County Council", "Conservative", "vice_chair"),
    ("Cllr", "Priya Testwell", "councillor", "Example Borough Council", "Labour", "lead_member"),
    ("Cllr", "Gareth Mockridge", "councillor", "Sampleton District Council", "Liberal Democrat", "lead_member"),
    ("Cllr", "Aisha Demoworth", "councillor", "Example Borough Council", "Labour", "member"),
    ("Cllr", "Owen Fictionby", "councillor", "Exampleshire County Council", "Conservative", "member"),
    ("Cllr", "Rosa Placewood", "councillor", "Demoford Town Council", "Green", "member"),
    ("Cllr", "Dev Pretendle", "councillor", "Sampleton District Council", "Independent", "member"),
    ("Cllr", "Nora Draftley", "councillor", "Example Borough Council", "Conservative", "member"),
    ("Cllr", "Callum Trialworth", "councillor", "Exampleshire County Council", "Labour", "member"),
    ("Cllr", "Bea Mockford", "councillor", "Example Borough Council", "Liberal Democrat", "member"),
    ("Cllr", "Ivan Specimen", "councillor", "Sampleton District Council", "Conservative", "member"),
    ("Cllr", "Martha Prototon", "councillor", "Demoford Town Council", "Independent", "member"),
    ("Cllr", "Ade Dummington", "councillor", "Example Borough Council", "Labour", "member"),
    ("Cllr", "Lucy Quillsample", "councillor", "Exampleshire County Council", "Green", "member"),
    ("Cllr", "Fern Sampleby", "councillor", "Example Borough Council", "Labour", "substitute"),
    ("Cllr", "Rob Examplewood", "councillor", "Exampleshire County Council", "Conservative", "substitute"),
    ("Ch Supt", "Dana Fauxley", "guest", "Example Borough Police", "Borough Commander", "member"),
    ("", "Kit Testford", "guest", "Exampleshire Fire and Rescue Service", "Group Manager, Prevention", "member"),
    ("Dr", "Amira Sampleworth", "guest", "Example Borough Integrated Care Board", "Director of Public Health", "member"),
    ("", "Jess Mockley", "guest", "Example Borough Council for Voluntary Service", "Chief Executive", "member"),
    ("", "Lee Demoson", "guest", "Example Probation Delivery Unit", "Head of Service", "member"),
    ("", "Ravi Pretendley", "guest", "Office of the Exampleshire Police and Crime Commissioner", "Head of Commissioning", "member"),
    ("", "Sian Fictionwood", "guest", "Example Homes (housing association)", "Director of Neighbourhoods", "member"),
    # Officers who support the board (in attendance, not members).
    ("", "Sam Policyworth", "officer", "Example Borough Council", "Community Safety Policy Officer", ""),
    ("", "Rita Leadbetter", "officer", "Example Borough Council", "Senior Policy Adviser", ""),
    ("", "Jordan Draftwell", "officer", "Example Borough Council", "Partnership Analyst", ""),
    ("", "Chris Clerkwell", "officer", "Example Borough Council", "Democratic Services Officer", ""),
    # Guests who came to one meeting.
    ("Dr", "Morgan Examplar", "guest", "University of Exampleshire", "Senior Lecturer in Criminology", ""),
    ("", "Alex Samplesmith", "guest", "Example Borough Youth Forum", "Youth Forum Chair", ""),
]
# fmt: on
OFFICERS_IN_ATTENDANCE = ["Sam Policyworth", "Rita Leadbetter", "Chris Clerkwell"]
LEAD_MEMBERS = ["Helen Sampleford", "Tom Exampleton", "Priya Testwell", "Gareth Mockridge"]

# fmt: off
THEMES = [
    ("Safer streets and neighbourhoods", "Anti-social behaviour, neighbourhood crime and the night-time economy."),
    ("Violence against women and girls", "Domestic abuse, safe accommodation and public spaces."),
    ("Young people and serious violence", "The serious violence duty, youth diversion and exploitation."),
    ("Fire, resilience and vulnerable people", "Fire safety, emergencies and people most at risk."),
]

# This year's programme. Each update is (how far through the time from the meeting that
# agreed the programme to today, status, RAG, text); the activity takes its latest update's
# status. An agreed activity with no update is due one (see Reminders in README).
CURRENT_ACTIVITIES = [
    ("Safer streets and neighbourhoods", "Map anti-social behaviour hotspots with residents and partners", "Jordan Draftwell", 5000, [
        (0.25, "in_progress", "green", "Hotspot data from police, council and Example Homes combined; three ward walkabouts held."),
        (0.8, "complete", "green", "Hotspot map published to partners and used to plan summer patrols."),
    ]),
    ("Safer streets and neighbourhoods", "Review the public spaces protection order for the town centre", "Sam Policyworth", 0, [
        (0.3, "in_progress", "amber", "Consultation opened; responses slower than hoped."),
        (0.85, "in_progress", "green", "Consultation closed with 412 responses; options paper being drafted."),
    ]),
    ("Safer streets and neighbourhoods", "Run a safer night-time economy scheme with licensed premises", "Rita Leadbetter", 3000, [
        (0.5, "in_progress", "green", "Twenty-two premises signed up; welfare hub piloted on Friday nights."),
    ]),
    ("Safer streets and neighbourhoods", "Agree a shared approach to fly-tipping enforcement", "Sam Policyworth", 0, [
    ]),
    ("Safer streets and neighbourhoods", "Trial a single number for reporting anti-social behaviour", "Jordan Draftwell", 0, [
        (0.4, "not_progressed", "red", "Not progressed this year: the telephony contract cannot be changed until it ends."),
    ]),
    ("Violence against women and girls", "Refresh the domestic abuse safe accommodation strategy", "Rita Leadbetter", 8000, [
        (0.2, "in_progress", "green", "Needs assessment started with the refuge providers."),
        (0.6, "in_progress", "amber", "Needs assessment shows a shortfall of six refuge spaces; options being costed."),
        (0.9, "in_progress", "amber", "Draft strategy shared with partners for comment."),
    ]),
    ("Violence against women and girls", "Train licensed premises staff to spot and stop spiking", "Sam Policyworth", 2500, [
        (0.35, "in_progress", "green", "First two training sessions held for 48 bar and door staff."),
        (0.75, "complete", "green", "All town-centre premises trained; materials passed to the districts."),
    ]),
    ("Violence against women and girls", "Publish a women's safety audit of parks and transport hubs", "Jordan Draftwell", 4000, [
        (0.55, "in_progress", "green", "Audit walks completed at eight sites with the women's network."),
    ]),
    ("Violence against women and girls", "Set up a domestic homicide review learning network", "Rita Leadbetter", 0, [
        (0.45, "in_progress", "green", "Network's terms of reference agreed; first meeting booked."),
    ]),
    ("Young people and serious violence", "Publish the serious violence strategic needs assessment", "Jordan Draftwell", 6000, [
        (0.15, "in_progress", "green", "Data sharing agreement signed by all duty holders."),
        (0.5, "in_progress", "amber", "Health data arrived late; publication moved back a month."),
        (0.88, "in_progress", "green", "Draft assessment presented to lead members."),
    ]),
    ("Young people and serious violence", "Extend the summer youth diversion programme to two more wards", "Sam Policyworth", 7500, [
        (0.3, "in_progress", "green", "Providers chosen for Northgate and Riverside wards."),
        (0.7, "in_progress", "green", "Programme running; 310 young people took part in the first month."),
    ]),
    ("Young people and serious violence", "Agree a protocol on child criminal exploitation with schools", "Rita Leadbetter", 0, [
    ]),
    ("Young people and serious violence", "Consult young people on feeling safe in the town centre", "Sam Policyworth", 1500, [
        (0.65, "in_progress", "green", "Youth forum survey closed with 600 replies; findings being written up."),
    ]),
    ("Young people and serious violence", "Commission a knife crime education offer for secondary schools", "Rita Leadbetter", 0, [
        (0.4, "dropped", "", "Dropped: the police and crime commissioner now funds a county-wide offer."),
    ]),
    ("Fire, resilience and vulnerable people", "Target home fire safety visits at people living alone", "Jordan Draftwell", 0, [
        (0.35, "in_progress", "green", "Referral route agreed with adult social care and Example Homes."),
        (0.8, "in_progress", "green", "340 visits made; smoke alarms fitted in 120 homes."),
    ]),
    ("Fire, resilience and vulnerable people", "Test the borough's emergency rest centre plans", "Sam Policyworth", 2000, [
        (0.6, "complete", "green", "Exercise held with the county resilience forum; lessons logged."),
    ]),
    ("Fire, resilience and vulnerable people", "Update the hate crime reporting centres", "Rita Leadbetter", 1000, [
        (0.45, "in_progress", "amber", "Four of nine reporting centres retrained; two have closed."),
    ]),
    ("Fire, resilience and vulnerable people", "Map community tension monitoring across partners", "Jordan Draftwell", 0, [
        (0.5, "in_progress", "green", "Monthly tension report now shared by police, council and the voluntary sector."),
    ]),
    ("Fire, resilience and vulnerable people", "Improve support for victims of fraud and scams", "Sam Policyworth", 0, [
        (0.55, "in_progress", "green", "Trading standards and the voluntary sector share a referral form."),
    ]),
    ("Fire, resilience and vulnerable people", "Pilot a hoarding protocol with housing providers", "Rita Leadbetter", 0, [
        (0.5, "proposed", "", "Proposed by Example Homes for the rest of the year; to be considered at the next meeting."),
    ]),
]
# Last year's programme: (theme, title, lead officer, final status, RAG, final update).
# Those carried forward continue in this year's programme under the same title.
LAST_YEAR_ACTIVITIES = [
    ("Safer streets and neighbourhoods", "Set up a neighbourhood problem-solving panel in each ward", "Jordan Draftwell", "complete", "green", "Panels meet monthly in all twelve wards."),
    ("Safer streets and neighbourhoods", "Review the public spaces protection order for the town centre", "Sam Policyworth", "carried_forward", "amber", "Carried forward: the consultation could not start before the elections."),
    ("Violence against women and girls", "Commission a perpetrator programme with the police and crime commissioner", "Rita Leadbetter", "complete", "green", "Programme commissioned; 40 referrals in its first six months."),
    ("Violence against women and girls", "Refresh the domestic abuse safe accommodation strategy", "Rita Leadbetter", "carried_forward", "amber", "Carried forward: the needs assessment waits for new refuge data."),
    ("Young people and serious violence", "Prepare for the serious violence duty", "Jordan Draftwell", "complete", "green", "Duty holders agreed the partnership arrangements and the lead for the assessment."),
    ("Young people and serious violence", "Run a summer youth diversion programme in the town centre", "Sam Policyworth", "complete", "green", "Programme ran for six weeks; 450 young people took part."),
    ("Fire, resilience and vulnerable people", "Review the borough's flood warning arrangements", "Sam Policyworth", "not_progressed", "red", "Not progressed: the Environment Agency's review is still to report."),
    ("Fire, resilience and vulnerable people", "Launch hate crime reporting centres", "Rita Leadbetter", "complete", "green", "Nine reporting centres opened in libraries and community centres."),
]
# fmt: on

# The topics of the five board meetings, in order (two a meeting). Actions: (text, owner, due
# in days after the meeting, what became of it at each later meeting held).
TOPICS = [
    [
        {
            "title": "Policing in the borough: six-monthly performance",
            "presenter": "Dana Fauxley",
            "purpose": "information",
            "summary": "Crime and anti-social behaviour in the borough over the last six months, and the police's neighbourhood priorities.",
            "recommendation": "That the Board notes the report and comments on the neighbourhood priorities.",
            "introduction": "Ch Supt Dana Fauxley introduced the report. Recorded crime was down four per cent on the year; anti-social behaviour was up in two town-centre wards.",
            "points": [
                "Members asked for ward-level figures in future reports.",
                "Members welcomed the return of named neighbourhood officers.",
            ],
            "decisions": ["The Board noted the report."],
            "actions": [
                (
                    "Include ward-level figures in the next performance report",
                    "Dana Fauxley",
                    50,
                    ["done"],
                )
            ],
        },
        {
            "title": "Community safety fund: grant recommendations",
            "presenter": "Rita Leadbetter",
            "purpose": "decision",
            "confidential": "Information about the financial affairs of particular organisations (Local Government Act 1972, Schedule 12A, paragraph 3).",
            "summary": "Recommended grants from the community safety fund to voluntary organisations.",
            "recommendation": "That the Board agrees the grants recommended in the appendix.",
            "introduction": "Rita Leadbetter presented the recommended grants and the scoring of each bid.",
            "points": ["Members asked that unsuccessful bidders be offered feedback."],
            "decisions": ["The Board agreed the recommended grants."],
            "actions": [("Offer feedback to every unsuccessful bidder", "Officers", 30, ["done"])],
            "declaration": (
                "Jess Mockley",
                "Chief Executive of the Council for Voluntary Service, which supports two of the bidders; took no part in the decision.",
            ),
        },
    ],
    [
        {
            "title": "Violence against women and girls: what the evidence says",
            "presenter": "Morgan Examplar",
            "purpose": "discussion",
            "summary": "A presentation on what works in preventing violence against women and girls in public spaces.",
            "recommendation": "That the Board discusses the presentation and what it means for the programme.",
            "introduction": "The Chair welcomed Dr Morgan Examplar, who presented research on making public spaces safer for women and girls.",
            "points": [
                "Members asked how the findings applied to smaller towns.",
                "Members suggested a safety audit of parks and transport hubs.",
            ],
            "decisions": [
                "The Board thanked Dr Examplar and asked officers to reflect the findings in the programme."
            ],
            "actions": [
                (
                    "Reflect the research findings in the draft work programme",
                    "Rita Leadbetter",
                    45,
                    ["done"],
                ),
                ("Circulate the presentation slides to members", "Chris Clerkwell", 7, ["done"]),
            ],
        },
        {
            "title": "Fire and rescue: prevention plan",
            "presenter": "Kit Testford",
            "purpose": "information",
            "summary": "The fire and rescue service's prevention plan and how partners can refer people at risk.",
            "recommendation": "That the Board notes the plan and agrees to promote the referral route.",
            "introduction": "Kit Testford presented the prevention plan; most fire deaths in the county were of people living alone.",
            "points": ["Members asked that the referral route be shared with housing officers."],
            "decisions": ["The Board noted the plan and agreed to promote the referral route."],
            "actions": [
                (
                    "Share the fire service referral route with housing providers",
                    "Sian Fictionwood",
                    40,
                    ["carried_forward", "done"],
                )
            ],
        },
    ],
    [
        {
            "title": "Serious violence duty: progress on the strategic needs assessment",
            "presenter": "Jordan Draftwell",
            "purpose": "direction",
            "summary": "Progress on the assessment the serious violence duty requires, and the questions it should answer.",
            "recommendation": "That the Board gives a steer on the questions the assessment should answer.",
            "introduction": "Jordan Draftwell reported that data sharing was agreed but health data was late.",
            "points": [
                "Members asked that the assessment look at the night-time economy.",
                "The Director of Public Health offered analyst time.",
            ],
            "decisions": [
                "The Board agreed the questions set out in the paper, adding the night-time economy."
            ],
            "actions": [
                (
                    "Add night-time economy data to the assessment",
                    "Jordan Draftwell",
                    40,
                    ["carried_forward"],
                ),
                (
                    "Write to the integrated care board about late health data",
                    "Helen Sampleford",
                    14,
                    ["done"],
                ),
            ],
        },
        {
            "title": "Youth diversion: summer programme",
            "presenter": "Alex Samplesmith",
            "purpose": "information",
            "summary": "How the summer youth diversion programme went, with the youth forum's view.",
            "recommendation": "That the Board notes the report.",
            "introduction": "Alex Samplesmith of the youth forum told the Board what young people had made of the programme.",
            "points": ["Members asked that young people help choose next year's activities."],
            "decisions": ["The Board noted the report and thanked the youth forum."],
            "actions": [
                (
                    "Invite the youth forum to help plan next summer's programme",
                    "Sam Policyworth",
                    60,
                    ["dropped"],
                )
            ],
            "declaration": (
                "Ade Dummington",
                "Trustee of a youth club that runs part of the programme.",
            ),
        },
    ],
    [
        {
            "title": "Domestic abuse: safe accommodation needs",
            "presenter": "Rita Leadbetter",
            "purpose": "direction",
            "summary": "The needs assessment for safe accommodation and the options for more refuge spaces.",
            "recommendation": "That the Board gives a steer on the options for more refuge spaces.",
            "introduction": "Rita Leadbetter presented the needs assessment, which found a shortfall of six refuge spaces.",
            "points": [
                "Members favoured working with Example Homes on dispersed accommodation.",
                "Members asked about support for women with no recourse to public funds.",
            ],
            "decisions": [
                "The Board asked officers to develop the dispersed accommodation option."
            ],
            "actions": [
                ("Cost the dispersed accommodation option with Example Homes", "Officers", 21, []),
                (
                    "Report on support for women with no recourse to public funds",
                    "Sam Policyworth",
                    35,
                    [],
                ),
            ],
        },
        {
            "title": "Night-time economy: welfare hub pilot",
            "presenter": "Sam Policyworth",
            "purpose": "information",
            "summary": "The first months of the Friday-night welfare hub and the premises signed up to the scheme.",
            "recommendation": "That the Board notes the report.",
            "introduction": "Sam Policyworth reported on the welfare hub, which had helped 85 people in its first eight weeks.",
            "points": ["Members asked whether the hub could open on Saturdays in December."],
            "decisions": ["The Board noted the report."],
            "actions": [
                (
                    "Ask the police and licensees about Saturday opening in December",
                    "Officers",
                    60,
                    [],
                )
            ],
        },
    ],
    [
        {
            "title": "Serious violence strategic needs assessment",
            "presenter": "Jordan Draftwell",
            "purpose": "decision",
            "summary": "The draft strategic needs assessment, for the Board to agree before publication.",
            "recommendation": "That the Board agrees the assessment for publication.",
        },
        {
            "title": "Hate crime reporting centres: review",
            "presenter": "Rita Leadbetter",
            "purpose": "direction",
            "summary": "A review of the reporting centres, two of which have closed, and options for the future.",
            "recommendation": "That the Board gives a steer on the future of the reporting centres.",
        },
    ],
]

# Who sent apologies and who stood in for whom at each held board meeting (substitute: the
# member they stood for), and guests in attendance besides the presenters.
ATTENDANCE = [
    {
        "apologies": ["Owen Fictionby", "Lee Demoson"],
        "substitutes": {"Rob Examplewood": "Owen Fictionby"},
    },
    {"apologies": ["Rosa Placewood"], "substitutes": {}},
    {
        "apologies": ["Nora Draftley", "Amira Sampleworth", "Ivan Specimen"],
        "substitutes": {"Rob Examplewood": "Ivan Specimen"},
    },
    {"apologies": ["Aisha Demoworth"], "substitutes": {"Fern Sampleby": "Aisha Demoworth"}},
]

# Days from today: four board meetings held and the next ahead; a lead members meeting held
# five weeks ago whose notes are still a draft, and one within a week with no agenda yet.
BOARD_MEETINGS = [-243, -180, -117, -54, 9]
LEAD_MEMBERS_DRAFT = -35
LEAD_MEMBERS_NEXT = 4
VENUE = "Council Chamber, Example Borough Civic Centre (fictional)"
POLICY_BUDGET = Decimal(40000)


def meeting_day(day: datetime.date) -> datetime.date:
    """The nearest Tuesday, Wednesday or Thursday: at most two days away."""
    return day + datetime.timedelta(days=(1, 0, 0, 0, -1, -2, 2)[day.weekday()])


def board_year(day: datetime.date) -> BoardYear:
    """The board year (September to August) containing the day, made if missing."""
    start_year = day.year if day.month >= 9 else day.year - 1
    year, _ = BoardYear.objects.get_or_create(
        start_year=start_year,
        defaults={
            "starts_on": datetime.date(start_year, 9, 1),
            "ends_on": datetime.date(start_year + 1, 8, 31),
        },
    )
    return year


@dataclass
class Held:
    """A board meeting of the example year, and what it is to do."""

    meeting: Meeting
    index: int
    held: bool
    items: list[AgendaItem] = field(default_factory=list)


class ExampleBoardLoader(RecordLoader):
    """Makes the example board once, dated from `today`. Callers own the transaction."""

    def __init__(self, today: datetime.date) -> None:
        super().__init__()
        self.today = today

    def load(self) -> LoadSummary:
        if Board.objects.filter(slug=SLUG).exists():
            return self.summary  # made once: later loads leave it, and users' changes, alone
        self.board = self.create(Board, {"slug": SLUG, **BOARD})
        self.year_now = board_year(self.today)
        self.year_before = board_year(self.year_now.starts_on - datetime.timedelta(days=1))
        self.load_people_and_sign_ins()
        self.load_meetings()
        self.load_programmes()
        self.load_items()
        self.load_next_meeting_papers()
        self.load_follow_ups_and_notes()
        self.load_lead_members_meetings()
        self.load_report()
        return self.summary

    def load_people_and_sign_ins(self) -> None:
        authorities = {name: self.upsert(Authority, {"name": name}) for name in AUTHORITIES}
        for honorific, name, kind, where, job, role in PEOPLE:
            councillor = kind == Person.Kind.COUNCILLOR
            self.people[name] = self.upsert(
                Person,
                {"name": name},
                {
                    "honorific": honorific,
                    "kind": kind,
                    "authority": authorities[where] if councillor else None,
                    # A councillor's party group; a partner's or officer's organisation.
                    "organisation": f"{job} group" if councillor else where,
                    "job_title": "" if councillor else job,
                },
            )
            for year in (self.year_before, self.year_now):
                if role:
                    self.upsert(
                        Membership,
                        {
                            "person": self.people[name],
                            "board": self.board,
                            "year": year,
                            "role": role,
                        },
                    )
        self.users = {}
        for username, role, name in SIGN_INS:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                user = get_user_model()(username=username, email=f"{username}@example.invalid")
                user.set_unusable_password()  # signs in only once create_dev_admin sets one
                user.save()
            self.users[role] = user
            self.upsert(BoardRole, {"user": user, "board": self.board, "role": role})
            person = self.people[name]
            if person.user_id is None:
                self.change(person, {"user": user})

    # ------------------------------------------------------------------ meetings

    def load_meetings(self) -> None:
        self.board_meetings: list[Held] = []
        for index, offset in enumerate(BOARD_MEETINGS):
            day = meeting_day(self.today + datetime.timedelta(days=offset))
            meeting = self.create(
                Meeting,
                {
                    "board": self.board,
                    "kind": Meeting.Kind.BOARD,
                    "date": day,
                    "start_time": datetime.time(10, 30),
                    "venue": VENUE,
                },
            )
            self.board_meetings.append(Held(meeting, index, held=day < self.today))
        held = [h for h in self.board_meetings if h.held]
        this_year = [h for h in held if h.meeting.date >= self.year_now.starts_on]
        last_year = [h for h in held if h.meeting.date < self.year_now.starts_on]
        # This year's programme is agreed at its first meeting, or at the summer meeting
        # before when the year has only just started; last year's report goes to its last
        # meeting, or to this year's first when none of last year's is in the window.
        self.agreeing = this_year[0] if this_year else held[-1]
        self.reporting = last_year[-1] if last_year else held[0]

    def year_of(self, held: Held) -> BoardYear:
        if held.meeting.date >= self.year_now.starts_on:
            return self.year_now
        return self.year_before

    # ------------------------------------------------------------------ programmes

    def load_programmes(self) -> None:
        agreed_before = meeting_day(self.year_before.starts_on + datetime.timedelta(days=20))
        before = self.upsert(
            WorkProgramme,
            {"board": self.board, "year": self.year_before},
            {
                "status": "agreed",
                "agreed_on": agreed_before,
                "policy_budget": POLICY_BUDGET,
                "note": f"Agreed at the Board's meeting of {agreed_before:%-d %B %Y}.",
            },
        )
        self.activities_before = []
        end = self.year_before.ends_on - datetime.timedelta(days=50)
        end = min(end, self.reporting.meeting.date - datetime.timedelta(days=7))
        for order, (theme_title, title, lead, status, rag, final) in enumerate(
            LAST_YEAR_ACTIVITIES, start=1
        ):
            theme = self.theme(before, theme_title)
            officer = self.person(lead)
            activity = self.upsert(
                Activity,
                {"theme": theme, "title": title},
                {"order": order, "status": status, "rag": rag, "lead_officer": officer},
            )
            middle = self.year_before.starts_on + datetime.timedelta(days=120)
            for day, text, st in (
                (middle, "Work under way; on track at the half-year.", "in_progress"),
                (end, final, status),
            ):
                self.upsert(
                    ProgressUpdate,
                    {"activity": activity, "date": day, "text": text},
                    {"status": st, "rag": rag if st == status else "green", "author": officer},
                )
            self.activities_before.append(activity)

        agreed_on = self.agreeing.meeting.date
        self.programme = self.upsert(
            WorkProgramme,
            {"board": self.board, "year": self.year_now},
            {
                "status": "agreed",
                "agreed_on": agreed_on,
                "policy_budget": POLICY_BUDGET,
                "note": f"Agreed at the Board's meeting of {agreed_on:%-d %B %Y}.",
            },
        )
        carried = {a.title: a for a in self.activities_before if a.status == "carried_forward"}
        span = (self.today - agreed_on).days
        self.activities_now: list[tuple[Activity, list[ProgressUpdate]]] = []
        for order, (theme_title, title, lead, budget, updates) in enumerate(
            CURRENT_ACTIVITIES, start=1
        ):
            officer = self.person(lead)
            status, rag = (updates[-1][1], updates[-1][2]) if updates else ("agreed", "")
            activity = self.upsert(
                Activity,
                {"theme": self.theme(self.programme, theme_title), "title": title},
                {
                    "order": order,
                    "status": status,
                    "rag": rag,
                    "lead_officer": officer,
                    "budget_allocated": Decimal(budget) if budget else None,
                    "carried_forward_from": carried.get(title),
                    "indicative_timing": "During the year",
                },
            )
            rows = [
                self.upsert(
                    ProgressUpdate,
                    {
                        "activity": activity,
                        "date": agreed_on + datetime.timedelta(days=max(1, round(share * span))),
                        "text": text,
                    },
                    {"status": st, "rag": r, "author": officer},
                )
                for share, st, r, text in updates
            ]
            self.activities_now.append((activity, rows))

    def theme(self, programme: WorkProgramme, title: str) -> PriorityTheme:
        order, description = next((n, d) for n, (t, d) in enumerate(THEMES, start=1) if t == title)
        return self.upsert(
            PriorityTheme,
            {"programme": programme, "title": title},
            {"order": order, "description": description},
        )

    # ------------------------------------------------------------------ items

    def load_items(self) -> None:
        previous = None
        for held in self.board_meetings:
            self.load_board_items(held, previous)
            previous = held

    def load_board_items(self, held: Held, previous: Held | None) -> None:
        meeting, number = held.meeting, 0

        def item(title: str, **values) -> AgendaItem:
            nonlocal number
            number += 1
            row = self.create(
                AgendaItem,
                {"meeting": meeting, "number": str(number), "order": number, "title": title}
                | values,
            )
            held.items.append(row)
            return row

        attendance = ATTENDANCE[held.index] if held.held else None
        item(
            "Welcome, apologies and declarations of interest",
            introduction=self.welcome_text(attendance) if attendance else "",
        )
        before = previous.meeting.date if previous else None
        notes = item(
            "Notes of the previous meeting",
            introduction=(
                f"The Board agreed the notes of the meeting held on {before:%-d %B %Y}."
                if held.held and before
                else ""
            ),
        )
        if held.held and before:
            self.create(
                Decision,
                {
                    "agenda_item": notes,
                    "order": 1,
                    "text": "The notes of the previous meeting were agreed as a correct record.",
                },
            )
        for topic in TOPICS[held.index]:
            self.load_topic(held, item, topic)
        if held is self.reporting:
            report_item = item("End-of-year report " + self.year_before.label)
            self.load_paper(
                report_item,
                {
                    "purpose": "direction",
                    "summary": f"What the Board achieved against its {self.year_before.label} work programme.",
                    "recommendation": "That the Board notes the report and comments on it.",
                    "contact_officer": "Sam Policyworth",
                },
            )
            self.report_item = report_item
            if held.held:
                self.create(
                    Decision,
                    {
                        "agenda_item": report_item,
                        "order": 1,
                        "text": "The Board noted the end-of-year report.",
                    },
                )
            self.link(report_item, self.activities_before, "Achievements reported for the year.")
        if held is self.agreeing:
            programme_item = item(f"Work programme {self.year_now.label}")
            self.load_paper(
                programme_item,
                {
                    "purpose": "decision",
                    "summary": f"The proposed themes and activities for {self.year_now.label}, with the policy budget.",
                    "recommendation": f"That the Board agrees its work programme for {self.year_now.label}.",
                    "contact_officer": "Rita Leadbetter",
                },
            )
            self.create(
                Decision,
                {
                    "agenda_item": programme_item,
                    "order": 1,
                    "text": f"The Board agreed its work programme for {self.year_now.label}.",
                },
            )
            self.link(
                programme_item,
                [a for a, _ in self.activities_now if a.status != "proposed"],
                "Agreed as part of the programme.",
            )
        elif self.year_of(held) == self.year_now and previous:
            update_item = item("Work programme update")
            self.load_paper(
                update_item,
                {
                    "purpose": "information",
                    "summary": "Progress on each activity since the last meeting, with its RAG rating.",
                    "recommendation": "That the Board notes the progress made.",
                    "contact_officer": "Sam Policyworth",
                },
            )
            if held.held:
                self.create(
                    Decision,
                    {
                        "agenda_item": update_item,
                        "order": 1,
                        "text": "The Board noted the progress made.",
                    },
                )
            since, until = previous.meeting.date, min(meeting.date, self.today)
            moved = [
                a
                for a, rows in self.activities_now
                if a.status != "proposed" and any(since < u.date <= until for u in rows)
            ]
            self.link(update_item, moved, "Progress reported since the last meeting.")
        elif held is not self.reporting:
            update_item = item("Work programme update")
            self.load_paper(
                update_item,
                {
                    "purpose": "information",
                    "summary": f"Progress on the {self.year_before.label} work programme.",
                    "recommendation": "That the Board notes the progress made.",
                    "contact_officer": "Sam Policyworth",
                },
            )
            self.create(
                Decision,
                {
                    "agenda_item": update_item,
                    "order": 1,
                    "text": "The Board noted the progress made.",
                },
            )
            self.link(update_item, self.activities_before, "Progress reported.")

    def load_next_meeting_papers(self) -> None:
        """The meeting ahead goes out with its papers' files (seed_data/example_papers.py)."""
        ahead = next((h for h in self.board_meetings if not h.held), None)
        if ahead is not None:
            count = attach_papers(ahead.items)
            self.summary.created[PaperFile._meta.verbose_name_plural] += count
            meeting = ahead.meeting
            meeting.refresh_from_db()
            if meeting.agenda_published_on is None:
                # Out today, with its papers: a newcomer reads the agenda and both packs.
                publish_agenda(meeting=meeting, on=self.today, today=self.today)

    def build_next_meeting_packs(self) -> None:
        """As when a clerk publishes an agenda: both packs ready, with their sizes. Called
        once the load is committed: each change to the meeting's items or papers drops its
        stored packs as it commits."""
        # A load that found the board made already made no meetings, and builds nothing.
        made = getattr(self, "board_meetings", [])
        ahead = next((h for h in made if not h.held), None)
        if ahead is not None and settings.AGENDA_PACKS_ON_PUBLISHING:
            packs.build_packs(ahead.meeting)

    def welcome_text(self, attendance: dict) -> str:
        names = [self.person(n).display_name for n in attendance["apologies"]]
        text = "The Chair welcomed members. Apologies were received from " + ", ".join(names) + "."
        for sub, member in attendance["substitutes"].items():
            text += f" {self.person(sub).display_name} attended as substitute for {self.person(member).display_name}."
        return text

    def load_topic(self, held: Held, item, topic: dict) -> None:
        presenter = self.person(topic["presenter"])
        reason = topic.get("confidential", "")
        row = item(
            topic["title"],
            is_confidential=bool(reason),
            confidential_reason=reason,
            introduction=topic.get("introduction", "") if held.held else "",
            discussion_points="\n".join(topic.get("points", [])) if held.held else "",
        )
        row.presenters.set([presenter])
        self.load_paper(
            row,
            {
                "purpose": topic["purpose"],
                "summary": topic["summary"],
                "recommendation": topic["recommendation"],
                "contact_officer": topic["presenter"]
                if presenter.kind == "officer"
                else "Sam Policyworth",
            },
        )
        if not held.held:
            return
        for order, text in enumerate(topic.get("decisions", []), start=1):
            self.create(Decision, {"agenda_item": row, "order": order, "text": text})
        for order, (text, owner, due_in, _outcomes) in enumerate(topic.get("actions", []), start=1):
            person = self.people.get(owner)
            self.create(
                Action,
                {
                    "agenda_item": row,
                    "order": order,
                    "text": text,
                    "owner": person,
                    "owner_team": "" if person else owner,
                    "due_date": held.meeting.date + datetime.timedelta(days=due_in),
                },
            )
        if "declaration" in topic:
            name, interest = topic["declaration"]
            self.create(
                DeclarationOfInterest,
                {
                    "meeting": held.meeting,
                    "person": self.person(name),
                    "interest": interest,
                    "agenda_item": row,
                },
            )

    def load_paper(self, item: AgendaItem, values: dict) -> None:
        officer = values.pop("contact_officer")
        self.create(
            Paper,
            {
                "agenda_item": item,
                "title": item.title,
                "contact_officer": self.person(officer),
                "is_confidential": item.is_confidential,
                **values,
            },
        )

    def link(self, item: AgendaItem, activities: list[Activity], note: str) -> None:
        for activity in activities:
            self.upsert(ActivityReport, {"agenda_item": item, "activity": activity}, {"note": note})

    # ------------------------------------------------------------------ notes and follow-ups

    def load_follow_ups_and_notes(self) -> None:
        held = [h for h in self.board_meetings if h.held]
        for position, h in enumerate(held):
            self.load_attendance(h)
            later = held[position + 1 :]
            for topic in TOPICS[h.index]:
                for text, _owner, _due, outcomes in topic.get("actions", []):
                    action = Action.objects.get(agenda_item__meeting=h.meeting, text=text)
                    for outcome, at in zip(outcomes, later, strict=False):
                        self.follow_up(action, at.meeting, outcome)
        for position, h in enumerate(held):
            agreed_at = held[position + 1].meeting if position + 1 < len(held) else None
            self.change(
                h.meeting,
                {
                    "notes_status": "agreed" if agreed_at else "published",
                    "notes_agreed_at": agreed_at,
                },
            )

    def follow_up(self, action: Action, meeting: Meeting, outcome: str) -> None:
        notes = {
            "done": "Done.",
            "dropped": "Dropped: overtaken by the youth forum's own plans.",
            "carried_forward": "In hand; carried forward to the next meeting.",
        }
        self.create(
            ActionFollowUp,
            {"action": action, "meeting": meeting, "outcome": outcome, "note": notes[outcome]},
        )
        if outcome != "carried_forward":
            self.change(
                action,
                {
                    "status": outcome,
                    "closed_at_meeting": meeting,
                    "closing_note": notes[outcome],
                    "closed_on": meeting.date,
                },
            )

    def load_attendance(self, held: Held) -> None:
        plan = ATTENDANCE[held.index]
        members = [name for _, name, _, _, _, role in PEOPLE if role and role != "substitute"]
        for name in members:
            status = "apologies" if name in plan["apologies"] else "present"
            self.create(
                Attendance, {"meeting": held.meeting, "person": self.person(name), "status": status}
            )
        for sub, member in plan["substitutes"].items():
            self.create(
                Attendance,
                {
                    "meeting": held.meeting,
                    "person": self.person(sub),
                    "status": "substitute",
                    "substitute_for": self.person(member),
                },
            )
        guests = {topic["presenter"] for topic in TOPICS[held.index]} - set(members)
        for name in sorted(set(OFFICERS_IN_ATTENDANCE) | guests):
            self.create(
                Attendance,
                {"meeting": held.meeting, "person": self.person(name), "status": "in_attendance"},
            )

    def load_lead_members_meetings(self) -> None:
        day = meeting_day(self.today + datetime.timedelta(days=LEAD_MEMBERS_DRAFT))
        draft = self.create(
            Meeting,
            {
                "board": self.board,
                "kind": Meeting.Kind.LEAD_MEMBERS,
                "date": day,
                "start_time": datetime.time(14, 0),
                "venue": "Online",
                "notes_status": "draft",
            },
        )
        for name in LEAD_MEMBERS:
            self.create(
                Attendance, {"meeting": draft, "person": self.person(name), "status": "present"}
            )
        self.create(
            Attendance,
            {"meeting": draft, "person": self.person("Sam Policyworth"), "status": "in_attendance"},
        )
        item = self.create(
            AgendaItem,
            {
                "meeting": draft,
                "number": "1",
                "order": 1,
                "title": "Planning the next Board meeting",
                "introduction": "Lead members discussed the agenda for the next Board meeting.",
            },
        )
        self.create(
            Decision,
            {
                "agenda_item": item,
                "order": 1,
                "text": "Lead members agreed the next Board meeting's agenda.",
            },
        )
        day = meeting_day(self.today + datetime.timedelta(days=LEAD_MEMBERS_NEXT))
        self.create(
            Meeting,
            {
                "board": self.board,
                "kind": Meeting.Kind.LEAD_MEMBERS,
                "date": day,
                "start_time": datetime.time(14, 0),
                "venue": "Online",
            },
        )

    # ------------------------------------------------------------------ report

    def load_report(self) -> None:
        programme = WorkProgramme.objects.get(board=self.board, year=self.year_before)
        label = self.year_before.label
        self.create(
            EndOfYearReport,
            {
                "programme": programme,
                "agenda_item": self.report_item,
                "purpose": "For direction.",
                "summary": f"This paper sets out the Board's end-of-year report for {label}.",
                "recommendation": f"That the Board notes the end-of-year report for {label}.",
                "contact_officer": self.person("Sam Policyworth"),
                # A drama number (Ofcom's range for fiction) and a reserved domain.
                "contact_phone": "020 7946 0017",
                "contact_email": "sam.policyworth@example.invalid",
                "plan_theme": "Safe and resilient communities",
                "financial_implications": "The activities were met from the Board's policy budget.",
                "equalities_implications": "Several activities focused on women, young people and people living alone.",
                "next_steps": "Officers will reflect the Board's comments in this year's programme.",
            },
        )
        officer = self.users[BoardRole.Role.POLICY_OFFICER]
        member = self.users[BoardRole.Role.BOARD_MEMBER]
        version = send_to_board(report=EndOfYearReport.for_programme(programme), user=officer)
        self.summary.created["report versions"] += 1
        paragraph = next(iter(all_paragraphs(version.content)))["number"]
        question = self.create(
            ReviewComment,
            {
                "version": version,
                "paragraph": paragraph,
                "kind": ReviewComment.Kind.QUESTION,
                "text": "Could the report say how many young people took part in the diversion programme?",
                "author": member,
            },
        )
        self.create(
            ReviewComment,
            {
                "version": version,
                "paragraph": paragraph,
                "kind": ReviewComment.Kind.REPLY,
                "text": "450 young people took part; the figure is in the programme's paragraph.",
                "author": officer,
                "in_reply_to": question,
            },
        )
        question.resolve(by=officer)
        # A suggestion still open: the officers' start page, the draft and the reminders
        # round show it, and the next version is not sent until it is dealt with.
        second = list(all_paragraphs(version.content))[1]["number"]
        self.create(
            ReviewComment,
            {
                "version": version,
                "paragraph": second,
                "kind": ReviewComment.Kind.SUGGESTION,
                "text": "Could the paragraph name the partners who ran the sessions?",
                "author": member,
            },
        )

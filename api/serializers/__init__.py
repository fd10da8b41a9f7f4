"""JSON shapes of the records, after OParl 1.1: every object has `id` (its own URL) and
`type`, links to others by URL, and `created`/`modified` for incremental sync. Confidential
items and unpublished notes are left out exactly as on the pages (see meetings/querysets.py)."""

from .boards import (
    AuthoritySerializer,
    BoardSerializer,
    BoardYearSerializer,
    MembershipSerializer,
    PersonSerializer,
)
from .meetings import (
    ActionSerializer,
    AgendaItemSerializer,
    AgendaItemSummarySerializer,
    AttendanceSerializer,
    DecisionSerializer,
    DeclarationSerializer,
    MeetingSerializer,
    MeetingSummarySerializer,
    PaperSerializer,
)
from .workplan import (
    ActivitySerializer,
    ProgrammeSerializer,
    ProgressUpdateSerializer,
    ReportedAtSerializer,
    ThemeSerializer,
)

__all__ = [
    "ActionSerializer",
    "ActivitySerializer",
    "AgendaItemSerializer",
    "AgendaItemSummarySerializer",
    "AttendanceSerializer",
    "AuthoritySerializer",
    "BoardSerializer",
    "BoardYearSerializer",
    "DecisionSerializer",
    "DeclarationSerializer",
    "MeetingSerializer",
    "MeetingSummarySerializer",
    "MembershipSerializer",
    "PaperSerializer",
    "PersonSerializer",
    "ProgrammeSerializer",
    "ProgressUpdateSerializer",
    "ReportedAtSerializer",
    "ThemeSerializer",
]

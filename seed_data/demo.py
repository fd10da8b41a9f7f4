"""Load the demo board's real records from the TOML files in demo_data/: the board and its
people, programmes, meetings with their notes, and the end-of-year reports' written parts.

Every record is found by its natural key (a person's name, a meeting's date, an item's
number...) and saved only when something differs, so loading twice leaves the database,
its change history included, exactly as it was. The saving itself is in loading.py, shared
with the document importer.
"""

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from meetings.models import AgendaItem
from reports.builder import generated_text, report_activities
from reports.models import ActivityParagraph, EndOfYearReport, ReportSection
from reports.services import FULL, send_to_board
from workplan.models import PriorityTheme, WorkProgramme

from .loading import LoadSummary, RecordLoader, _same

__all__ = ["DEMO_DATA_DIR", "DemoLoader", "LoadSummary", "_same"]

DEMO_DATA_DIR = Path(__file__).resolve().parent / "demo_data"


class DemoLoader(RecordLoader):
    def __init__(self, data_dir: Path = DEMO_DATA_DIR) -> None:
        super().__init__()
        self.data_dir = data_dir

    def read(self, name: str) -> dict[str, Any]:
        with open(self.data_dir / name, "rb") as f:
            return tomllib.load(f)

    @transaction.atomic
    def load(self) -> LoadSummary:
        self.board = self.load_board(self.read("board.toml"))
        for path in sorted(self.data_dir.glob("programme-*.toml")):
            self.load_programme(self.read(path.name))
        for path in sorted(self.data_dir.glob("meeting-*.toml")):
            self.load_meeting(self.read(path.name))
        for path in sorted(self.data_dir.glob("report-*.toml")):
            self.load_report(self.read(path.name))
        return self.summary

    def load_report(self, data: dict) -> None:
        values = dict(data["report"])
        programme = WorkProgramme.objects.get(board=self.board, year=self.year(values.pop("year")))
        officer = values.pop("contact_officer", "")
        values["contact_officer"] = self.person(officer) if officer else None
        meeting_date, number = values.pop("meeting", None), values.pop("item", None)
        values["agenda_item"] = (
            AgendaItem.objects.get(
                meeting__board=self.board, meeting__date=meeting_date, number=number
            )
            if meeting_date
            else None
        )
        sent = values.pop("sent_to_board", False)
        parts = values.pop("section", [])
        own_wording = values.pop("paragraph", [])
        left_out = values.pop("left_out", [])
        report = self.upsert(EndOfYearReport, {"programme": programme}, values)
        self.load_report_sections(report, programme, parts)
        activities = {a.title: a for a in report_activities(programme, FULL)}
        for paragraph in own_wording:
            activity = activities[paragraph["activity"]]
            self.upsert(
                ActivityParagraph,
                {"report": report, "activity": activity},
                {"text": paragraph["text"].strip(), "generated_from": generated_text(activity)},
            )
        for title in left_out:
            self.upsert(
                ActivityParagraph,
                {"report": report, "activity": activities[title]},
                {"left_out": True},
            )
        if sent and not report.versions.exists():
            # Once sent, a version stays as it was: loading again sends nothing new.
            send_to_board(report=EndOfYearReport.for_programme(programme))

    def load_report_sections(self, report, programme, parts: list[dict]) -> None:
        """The report's own sections, in the file's order (their order in the report)."""
        for order, part in enumerate(parts, 1):
            theme = part.get("theme")
            values = {
                "place": part["place"],
                "theme": PriorityTheme.objects.get(programme=programme, title=theme)
                if theme
                else None,
                "heading": part.get("heading", ""),
                "text": part["text"].strip(),
            }
            self.upsert(ReportSection, {"report": report, "order": order}, values)
        ReportSection.objects.filter(report=report, order__gt=len(parts)).delete()

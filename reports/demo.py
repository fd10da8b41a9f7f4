"""The demo board's end-of-year report front matter, from meetings/demo_data/report-*.toml."""

from django.db import transaction

from meetings.demo import DemoLoader
from workplan.models import WorkProgramme

from .models import EndOfYearReport


class ReportDemoLoader(DemoLoader):
    """Loads everything DemoLoader does, then the reports' written parts."""

    @transaction.atomic
    def load_all(self):
        summary = self.load()
        for path in sorted(self.data_dir.glob("report-*.toml")):
            self.load_report(self.read(path.name))
        return summary

    def load_report(self, data: dict) -> None:
        values = dict(data["report"])
        programme = WorkProgramme.objects.get(board=self.board, year=self.year(values.pop("year")))
        officer = values.pop("contact_officer", "")
        values["contact_officer"] = self.person(officer) if officer else None
        self.upsert(EndOfYearReport, {"programme": programme}, values)

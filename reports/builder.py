"""Write the end-of-year report from the year's records.

The report is a plain structure of sections and numbered paragraphs (JSON-friendly), so the
same thing renders as a web page, a Word document and a PDF, and can be frozen as it stands
when it is sent to the board. It follows the shape of the board's own end-of-year papers.
"""

import copy
import datetime
import re
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Prefetch

from boards.access import Reader
from meetings.models import ActivityReport, AgendaItem, Decision
from meetings.querysets import CONFIDENTIAL, open_item_q
from workplan.models import Activity, ActivityStatus, ProgressUpdate, WorkProgramme

from .models import EndOfYearReport

# Statuses reported under "Not progressed and carried forward" rather than as achievements.
NOT_GOING_AHEAD = (
    ActivityStatus.NOT_PROGRESSED,
    ActivityStatus.CARRIED_FORWARD,
    ActivityStatus.DROPPED,
    ActivityStatus.PROPOSED,
)
# Items every meeting has, which are not "other areas the board covered".
PROCEDURAL_TITLE = re.compile(
    r"^(welcome|apologies|declarations?|notes? of|minutes|matters arising|any other business|date of next)",
    re.IGNORECASE,
)


def build_report(report: EndOfYearReport, reader: Reader) -> dict:
    programme = report.programme
    next_programme = (
        WorkProgramme.objects.filter(
            board=programme.board, year__start_year=programme.year.start_year + 1
        )
        .select_related("year")
        .with_budget_allocated()
        .first()
    )
    themes = list(programme.themes.all())
    activities = list(report_activities(programme, reader))
    overrides = {p.activity_id: p for p in report.paragraphs.all()} if report.pk else {}
    numbering = Numbering()
    other_items = other_areas(programme, reader, report.agenda_item_id)
    sections = [
        background(programme, themes, next_programme, bool(other_items), numbering),
        key_work(themes, activities, overrides, other_items, numbering),
        not_going_ahead(activities, overrides, numbering),
        proposals(programme, next_programme, numbering),
        written_section("Implications for Wales", report.wales_implications, numbering),
        financial_section(report, programme, next_programme, numbering),
        written_section("Equalities implications", report.equalities_implications, numbering),
        written_section("Next steps", report.next_steps, numbering),
    ]
    board = programme.board
    meeting = paper_furniture(report, board)
    content = {
        "title": f"{board.name}: end-of-year report {programme.year}",
        "organisation": board.parent_organisation or settings.ORGANISATION_NAME,
        "board": board.name,
        "year": programme.year.label,
        "next_year": next_programme.year.label if next_programme else None,
        "as_of": f"{datetime.date.today():%-d %B %Y}",
        "meeting": meeting,
        "front": front_matter(report, meeting),
        "sections": [s for s in sections if s],
        "figures": figures(themes, activities),
    }
    content["contains_confidential"] = contains_confidential(content)
    return content


def paper_furniture(report: EndOfYearReport, board) -> dict | None:
    """The meeting and agenda item the report goes to, as a paper's header names them."""
    item = report.agenda_item
    if item is None:
        return None
    return {
        "board": board.name,
        "date": f"{item.meeting.date:%-d %B %Y}",
        "item": item.number,
        "item_title": item.title,
        "label": f"{board.name}, {item.meeting.date:%-d %B %Y}, item {item.number}",
        "url": item.get_absolute_url(),
        "confidential": bool(getattr(report, "item_is_restricted", False)),
        "confidential_reason": item.confidential_reason,
    }


def front_matter(report: EndOfYearReport, meeting: dict | None) -> list[dict]:
    """The paper's furniture in the order of the board's papers: meeting, purpose, summary,
    confidentiality, recommendation, contact details."""
    officer = report.contact_officer
    if meeting and meeting["confidential"]:
        confidential = "Yes. " + (meeting["confidential_reason"] or CONFIDENTIAL)
    else:
        confidential = "No"
    return [
        {"label": "Meeting", "text": f"{meeting['board']}, {meeting['date']}" if meeting else ""},
        {
            "label": "Agenda item",
            "text": f"{meeting['item']}: {meeting['item_title']}" if meeting else "",
        },
        {"label": "Purpose of report", "text": report.purpose},
        {"label": "Summary", "text": report.summary},
        {"label": "Is this report confidential?", "text": confidential},
        {"label": "Plan theme", "text": report.plan_theme},
        {"label": "Recommendation", "text": report.recommendation},
        {"label": "Contact officer", "text": str(officer or "")},
        {"label": "Position", "text": officer.job_title if officer else ""},
    ]


def all_paragraphs(content: dict):
    for section in content["sections"]:
        yield from section.get("paragraphs", [])
        for subsection in section.get("subsections", []):
            yield from subsection["paragraphs"]


def contains_confidential(content: dict) -> bool:
    return any(
        p.get("confidential") or any(r.get("confidential") for r in p.get("references", []))
        for p in all_paragraphs(content)
    )


def restricted_flag() -> ExpressionWrapper:
    """Whether a "reported at" link's item is confidential (meetings.querysets' rule)."""
    return ExpressionWrapper(~open_item_q("agenda_item__"), output_field=BooleanField())


def report_activities(programme: WorkProgramme, reader: Reader):
    """The programme's activities with what their paragraphs are written from."""
    return (
        Activity.objects.for_programme(programme)
        .select_related("theme", "lead_officer")
        .prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("date", "pk")),
            Prefetch(
                "reports",
                queryset=ActivityReport.objects.visible_to(reader)
                .annotate(item_is_restricted=restricted_flag())
                .select_related("agenda_item__meeting__board")
                .order_by("agenda_item__meeting__date", "agenda_item__order"),
            ),
            Prefetch(
                "carried_forward_to",
                queryset=Activity.objects.select_related("theme__programme__year"),
            ),
        )
    )


def in_words(number: int) -> str:
    """Numbers up to ten in words, as the board's papers write them."""
    words = "no one two three four five six seven eight nine ten".split()
    return words[number] if number < len(words) else str(number)


class Numbering:
    """Paragraph numbers run through the whole report, as in the board's papers."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> str:
        self.last += 1
        return str(self.last)


def paragraphs_from(text: str, numbering: Numbering, **extra) -> list[dict]:
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text or "") if c.strip()]
    return [{"number": numbering.next(), "text": chunk, **extra} for chunk in chunks]


def background(programme, themes, next_programme, has_other_areas: bool, numbering) -> dict:
    if programme.agreed_on:
        when = f"At its meeting on {programme.agreed_on:%-d %B %Y} the Board"
    else:
        when = "The Board"
    agreed = (
        f"{when} considered its priorities for {programme.year} and agreed {len(themes)} themes"
    )
    first = {"number": numbering.next(), "text": f"{agreed}:"}
    first["subitems"] = [
        {"number": f"{first['number']}.{i}", "text": t.title} for i, t in enumerate(themes, 1)
    ]
    paras = [first]
    if programme.note:
        paras.append({"number": numbering.next(), "text": programme.note})
    if has_other_areas:
        paras.append(
            {
                "number": numbering.next(),
                "text": "The Board has also covered other issues, set out after the themes below.",
            }
        )
    steer = (
        f" and seeks an initial steer from the Board on its priorities for {next_programme.year}"
        if next_programme
        else ""
    )
    paras.append(
        {
            "number": numbering.next(),
            "text": f"This paper provides an overview of the achievements delivered against these themes{steer}.",
        }
    )
    return {"heading": "Background", "paragraphs": paras}


def reference(item: AgendaItem, label: str, restricted: bool) -> dict:
    """A link to the meeting item a paragraph reports, marked when the item is confidential
    (only readers allowed to see it are given such a link)."""
    ref = {"label": label, "url": item.get_absolute_url(), "item_id": item.pk}
    if restricted:
        ref.update({"confidential": True, "confidential_reason": item.confidential_reason})
    return ref


def reported_at(activity: Activity) -> tuple[str, list[dict]]:
    links = [
        reference(
            r.agenda_item,
            f"{r.agenda_item.meeting.date:%-d %B %Y}, item {r.agenda_item.number}: {r.agenda_item.title}",
            r.item_is_restricted,
        )
        for r in activity.reports.all()
    ]
    if not links:
        return "", []
    dates = sorted({r.agenda_item.meeting.date for r in activity.reports.all()})
    when = ", ".join(f"{d:%-d %B %Y}" for d in dates)
    return f"This was reported to the Board on {when}.", links


def progress_updates(activity: Activity) -> list:
    """The activity's updates, without the notes Activity.carry_forward posts: the report
    says where work was carried forward in its own words."""
    notes = {
        Activity.CARRIED_FORWARD_NOTE.format(year=a.theme.programme.year)
        for a in activity.carried_forward_to.all()
    }
    return [u for u in activity.updates.all() if u.text.strip() and u.text.strip() not in notes]


def carried_forward_sentence(activity: Activity) -> str:
    return "".join(
        f" It is carried forward to {a.theme.programme.year} as “{a.title}”."
        for a in activity.carried_forward_to.all()
    )


def has_achievements(activity: Activity) -> bool:
    """Carried-forward work that delivered something this year is reported with the year's
    achievements, not only as carried forward."""
    return any(u.status not in NOT_GOING_AHEAD for u in progress_updates(activity))


def in_key_work(activity: Activity) -> bool:
    return activity.status not in NOT_GOING_AHEAD or (
        activity.status == ActivityStatus.CARRIED_FORWARD and has_achievements(activity)
    )


def generated_text(activity: Activity) -> str:
    """What the records say about an activity: its updates, oldest first, where it was
    reported and where it continues. Officers may replace it with their own wording."""
    texts = [u.text.strip() for u in progress_updates(activity)]
    if not texts:
        texts = [f"{activity.title}. No progress has been reported yet."]
    sentence, _ = reported_at(activity)
    texts[-1] = f"{texts[-1]} {sentence}".strip() + carried_forward_sentence(activity)
    return "\n\n".join(texts)


def activity_paragraphs(activity, overrides, numbering) -> list[dict]:
    override = overrides.get(activity.pk)
    text = override.text if override else generated_text(activity)
    _, links = reported_at(activity)
    paras = paragraphs_from(text, numbering)
    if paras:
        # The officer's links (rewrite, regenerate) and tags go with the first paragraph,
        # where the template shows them; the status and references close the last.
        paras[0].update(
            {
                "activity": {"id": activity.pk, "title": activity.title},
                "edited": bool(override),
                "stale": bool(override and override.generated_from != generated_text(activity)),
            }
        )
        paras[-1].update({"status": activity.get_status_display(), "references": links})
    return paras


def key_work(themes, activities, overrides, other_items, numbering) -> dict:
    subsections = []
    for theme in themes:
        paras = []
        for activity in activities:
            if activity.theme_id == theme.pk and in_key_work(activity):
                paras += activity_paragraphs(activity, overrides, numbering)
        if paras:
            subsections.append({"heading": theme.title, "paragraphs": paras})
    if other_items:
        paras = []
        for item in other_items:
            decisions = " ".join(d.text for d in item.public_decisions)
            text = f"{item.title}: considered at the meeting of {item.meeting.date:%-d %B %Y} (item {item.number})."
            para = {
                "number": numbering.next(),
                "text": f"{text} {decisions}".strip(),
                "item_id": item.pk,
                "references": [
                    reference(item, f"{item.meeting.date:%-d %B %Y}, item {item.number}", False)
                ],
            }
            if item.is_restricted:
                para.update({"confidential": True, "confidential_reason": item.confidential_reason})
            paras.append(para)
        subsections.append({"heading": "Other areas the Board covered", "paragraphs": paras})
    return {"heading": "Summary of key issues and work", "subsections": subsections}


def other_areas(programme, reader: Reader, report_item_id: int | None) -> list[AgendaItem]:
    """The year's agenda items linked to no activity, apart from routine ones and the item
    the report itself goes to."""
    year = programme.year
    items = (
        AgendaItem.objects.filter(
            meeting__board=programme.board,
            meeting__date__range=(year.starts_on, year.ends_on),
            activity_reports__isnull=True,
        )
        .exclude(pk=report_item_id)
        .readable_in_full_by(reader)
        .with_restricted_flag()
        .select_related("meeting__board")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.visible_to(reader),
                to_attr="public_decisions",
            )
        )
        .order_by("meeting__date", "order")
    )
    return [item for item in items if not PROCEDURAL_TITLE.match(item.title)]


def not_going_ahead(activities, overrides, numbering) -> dict | None:
    paras = []
    for activity in activities:
        if in_key_work(activity):
            continue
        override = overrides.get(activity.pk)
        if override:
            paras += activity_paragraphs(activity, overrides, numbering)
            continue
        updates = progress_updates(activity)
        reason = updates[-1].text.strip() if updates else "No reason has been recorded."
        forward = carried_forward_sentence(activity)
        text = f"{activity.title} ({activity.get_status_display().lower()}). {reason}{forward}"
        paras.append(
            {
                "number": numbering.next(),
                "text": text,
                "activity": {"id": activity.pk, "title": activity.title},
                "status": activity.get_status_display(),
                "references": reported_at(activity)[1],
            }
        )
    if not paras:
        return None
    return {"heading": "Not progressed and carried forward", "paragraphs": paras}


def proposals(programme, next_programme, numbering) -> dict | None:
    if next_programme is None:
        return None
    rows = []
    for theme in next_programme.themes.prefetch_related("activities"):
        titles = [a.title for a in theme.activities.all()]
        if titles:
            rows.append({"area": theme.title, "activities": titles})
    intro = f"The table below sets out proposed areas of work for {next_programme.year}" + (
        " (not yet agreed by the Board)."
        if next_programme.status == WorkProgramme.Status.PROPOSED
        else "."
    )
    return {
        "heading": f"Proposed areas of focus for {next_programme.year}",
        "paragraphs": [{"number": numbering.next(), "text": intro}],
        "table": {
            "caption": f"Proposed work programme {next_programme.year}",
            "columns": ["Priority area", "Proposed activity"],
            "rows": rows,
        },
    }


def written_section(heading: str, text: str, numbering) -> dict | None:
    paras = paragraphs_from(text, numbering)
    return {"heading": heading, "paragraphs": paras} if paras else None


def financial_section(report, programme, next_programme, numbering) -> dict | None:
    paras = paragraphs_from(report.financial_implications, numbering)
    budgeted = (
        next_programme if next_programme and next_programme.policy_budget is not None else None
    )
    if budgeted is None and programme.policy_budget is not None:
        budgeted = WorkProgramme.objects.with_budget_allocated().get(pk=programme.pk)
    if budgeted is not None:
        allocated = budgeted.budget_allocated or Decimal(0)
        remaining = budgeted.budget_remaining(allocated)
        paras.append(
            {
                "number": numbering.next(),
                "text": (
                    f"The Board's policy budget for the {budgeted.year} financial year is "
                    f"£{budgeted.policy_budget:,.0f}, of which £{allocated:,.0f} is allocated to "
                    f"activities and £{remaining:,.0f} remains to be allocated."
                ),
            }
        )
    return {"heading": "Financial implications", "paragraphs": paras} if paras else None


def figures(themes, activities) -> dict:
    """Activities by status for each theme: a chart with its data table (counted from the
    activities the report has already read)."""
    statuses = [(value, label) for value, label in ActivityStatus.choices]
    counts = Counter((a.theme_id, a.status) for a in activities)
    rows = []
    for theme in themes:
        values = [counts[(theme.pk, value)] for value, _ in statuses]
        rows.append({"theme": theme.title, "counts": values, "total": sum(values)})
    used = [i for i in range(len(statuses)) if any(row["counts"][i] for row in rows)]
    return {
        "statuses": [statuses[i][1] for i in used],
        "status_keys": [statuses[i][0] for i in used],
        "rows": [{**row, "counts": [row["counts"][i] for i in used]} for row in rows],
        "max": max((row["total"] for row in rows), default=0),
    }


def _is_from(entry: dict, item_id: int, url: str) -> bool:
    # Versions frozen before links carried the item's id are matched by its address.
    return entry.get("item_id") == item_id or (not entry.get("item_id") and entry.get("url") == url)


def without_item(content: dict, item_id: int, url: str) -> dict:
    """The same copy with an item's paragraphs and links taken out and the paragraphs
    numbered again, as it would have been written had the item been confidential then."""
    content = copy.deepcopy(content)
    numbering = Numbering()
    containers = [
        container
        for section in content["sections"]
        for container in [section, *section.get("subsections", [])]
    ]
    for container in containers:
        kept = []
        for paragraph in container.get("paragraphs", []):
            refs = paragraph.get("references", [])
            if _is_from(paragraph, item_id, url) or (
                refs
                and not paragraph.get("activity")
                and all(_is_from(r, item_id, url) for r in refs)
            ):
                continue
            paragraph["references"] = [r for r in refs if not _is_from(r, item_id, url)]
            paragraph["number"] = numbering.next()
            for i, sub in enumerate(paragraph.get("subitems", []), 1):
                sub["number"] = f"{paragraph['number']}.{i}"
            kept.append(paragraph)
        if "paragraphs" in container:
            container["paragraphs"] = kept
    for section in content["sections"]:
        section["subsections"] = [s for s in section.get("subsections", []) if s["paragraphs"]]
    content["contains_confidential"] = contains_confidential(content)
    return content


def marked_item(content: dict, item_id: int, url: str, reason: str) -> dict:
    """The same copy with an item's paragraphs and links marked confidential."""
    content = copy.deepcopy(content)
    mark = {"confidential": True, "confidential_reason": reason}
    for paragraph in all_paragraphs(content):
        if _is_from(paragraph, item_id, url):
            paragraph.update(mark)
        for ref in paragraph.get("references", []):
            if _is_from(ref, item_id, url):
                ref.update(mark)
    content["contains_confidential"] = contains_confidential(content)
    return content

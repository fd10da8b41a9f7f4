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
from meetings.querysets import CONFIDENTIAL, open_item_q, sees_restricted
from workplan.models import Activity, ActivityStatus, ProgressUpdate, WorkProgramme

from .models import EndOfYearReport, ReportSection

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
    written = WrittenParts(report.sections.all() if report.pk else [])
    numbering = Numbering()
    missing: list[dict] = []
    other_items = other_areas(programme, reader, report.agenda_item_id)
    sections = [
        background(programme, themes, next_programme, other_items, written, numbering),
        key_work(themes, activities, overrides, other_items, written, numbering, missing),
        not_going_ahead(activities, overrides, numbering, missing),
        *written.sections(numbering),
        proposals(programme, next_programme, written, numbering),
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
        # Paragraphs with nothing to say yet: never printed; listed on the draft and when
        # checking before sending, which is refused until each is written or left out.
        "missing": missing,
        # Paragraphs the officers left out on purpose, to put back from the draft.
        "left_out": [
            {"id": a.pk, "title": a.title}
            for a in activities
            if a.pk in overrides and overrides[a.pk].left_out
        ],
    }
    return mark_confidentiality(content)


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
        {"label": "Phone no", "text": report.contact_phone},
        {"label": "Email", "text": report.contact_email},
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


PARTLY_CONFIDENTIAL = (
    "No, but some paragraphs and links are confidential – not for publication: they are marked, "
    "and the public copy leaves them out."
)


def mark_confidentiality(content: dict) -> dict:
    """Whether the copy contains confidential content, and the cover's answer to "Is this
    report confidential?" to match: a copy with marked paragraphs never answers a plain No."""
    content["contains_confidential"] = contains_confidential(content)
    for entry in content["front"]:
        if entry["label"] == "Is this report confidential?" and not entry["text"].startswith("Yes"):
            entry["text"] = PARTLY_CONFIDENTIAL if content["contains_confidential"] else "No"
    return content


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


def full_stop(text: str) -> str:
    """The text ending as a sentence does, with one full stop and never two."""
    text = text.strip()
    if not text or text[-1] in ".!?:;" or text.endswith((".”", "?”", "!”", ".)", '."')):
        return text
    return f"{text}."


def quoted(title: str) -> str:
    """A title quoted inside a sentence, without its own full stop (the sentence has one)."""
    return f"“{title.strip().rstrip('.')}”"


class WrittenParts:
    """The officers' own sections and paragraphs (ReportSection), by where they go."""

    def __init__(self, parts) -> None:
        self.parts = list(parts)

    def at(self, place: str, theme_id: int | None = None) -> list:
        return [p for p in self.parts if p.place == place and p.theme_id == theme_id]

    def paragraphs(self, place: str, numbering, theme_id: int | None = None) -> list[dict]:
        paras = []
        for part in self.at(place, theme_id):
            chunk = paragraphs_from(part.text, numbering, section_id=part.pk)
            if chunk and part.heading and place != ReportSection.Place.BACKGROUND:
                chunk[0]["subheading"] = part.heading
            paras += chunk
        return paras

    def areas(self, numbering) -> list[dict]:
        found = []
        for part in self.at(ReportSection.Place.AREA):
            paras = paragraphs_from(part.text, numbering, section_id=part.pk)
            if paras:
                found.append({"heading": part.heading, "paragraphs": paras})
        return found

    def sections(self, numbering) -> list[dict]:
        found = []
        for part in self.at(ReportSection.Place.SECTION):
            paras = paragraphs_from(part.text, numbering, section_id=part.pk)
            if paras:
                found.append({"heading": part.heading, "paragraphs": paras})
        return found


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


def background(programme, themes, next_programme, other_items, written, numbering) -> dict:
    if programme.agreed_on:
        when = f"At its meeting on {programme.agreed_on:%-d %B %Y} the Board"
    else:
        when = "The Board"
    agreed = (
        f"{when} considered its priorities for {programme.year} and agreed "
        f"{in_words(len(themes))} overarching theme{'s' if len(themes) != 1 else ''}"
    )
    first = {"number": numbering.next(), "text": f"{agreed}:"}
    first["subitems"] = [
        {"number": f"{first['number']}.{i}", "text": t.title} for i, t in enumerate(themes, 1)
    ]
    paras = [first]
    if programme.note:
        paras.append({"number": numbering.next(), "text": full_stop(programme.note)})
    own = written.at(ReportSection.Place.BACKGROUND)
    # The officers' own background says in its words what else the Board covered.
    if (other_items or written.at(ReportSection.Place.AREA)) and not own:
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
    paras += written.paragraphs(ReportSection.Place.BACKGROUND, numbering)
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
        f" It is carried forward to {a.theme.programme.year} as {quoted(a.title)}."
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
    """What the records say about an activity's year: every update, oldest first, one
    paragraph each, where it was reported and where it continues; empty when nothing has
    been reported (the report then asks for the text rather than printing a placeholder).
    Officers may replace it with their own wording."""
    texts = [full_stop(u.text) for u in progress_updates(activity)]
    if not texts:
        return ""
    sentence, _ = reported_at(activity)
    texts[-1] = f"{texts[-1]} {sentence}".strip() + carried_forward_sentence(activity)
    return "\n\n".join(texts)


def activity_paragraphs(activity, overrides, numbering, missing, kind="progress") -> list[dict]:
    """The activity's numbered paragraphs; none when the officer left it out, or when there
    is nothing to print yet (it is then listed in missing, for the officer to write)."""
    override = overrides.get(activity.pk)
    if override and override.left_out:
        return []
    text = override.text if override else generated_text(activity)
    _, links = reported_at(activity)
    paras = paragraphs_from(text, numbering)
    if not paras:
        missing.append(
            {
                "activity": {"id": activity.pk, "title": activity.title},
                "theme": activity.theme.title,
                "status": activity.get_status_display(),
                "kind": kind,
            }
        )
        return []
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


def key_work(themes, activities, overrides, other_items, written, numbering, missing) -> dict:
    subsections = []
    for theme in themes:
        paras = []
        for activity in activities:
            if activity.theme_id == theme.pk and in_key_work(activity):
                paras += activity_paragraphs(activity, overrides, numbering, missing)
        paras += written.paragraphs(ReportSection.Place.THEME, numbering, theme.pk)
        if paras:
            subsections.append({"heading": theme.title, "paragraphs": paras})
    subsections += written.areas(numbering)
    if other_items:
        paras = [other_area_paragraph(item, numbering) for item in other_items]
        subsections.append({"heading": "Other areas the Board covered", "paragraphs": paras})
    return {"heading": "Summary of key issues and work", "subsections": subsections}


NOT_FOR_PUBLICATION = "Not for publication."


def withheld(number: str, item_id: int) -> dict:
    """A paragraph this copy's reader may not read, keeping its number so that every copy
    numbers the same paragraphs alike."""
    return {"number": number, "text": NOT_FOR_PUBLICATION, "withheld": True, "item_id": item_id}


def other_area_paragraph(item: AgendaItem, numbering) -> dict:
    if not item.readable:
        return withheld(numbering.next(), item.pk)
    decisions = " ".join(full_stop(d.text) for d in item.public_decisions)
    if decisions and not item.meeting.notes_are_public:
        decisions = f"From the draft notes, not yet agreed: {decisions}"
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
    return para


def other_areas(programme, reader: Reader, report_item_id: int | None) -> list[AgendaItem]:
    """The year's agenda items linked to no activity, apart from routine ones and the item
    the report itself goes to. Items this reader may not read are kept, marked unreadable,
    so that their paragraphs keep their numbers (as "Not for publication")."""
    year = programme.year
    items = (
        AgendaItem.objects.filter(
            meeting__board=programme.board,
            meeting__date__range=(year.starts_on, year.ends_on),
            activity_reports__isnull=True,
        )
        .exclude(pk=report_item_id)
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
    sees_all = sees_restricted(reader, programme.board_id)
    found = []
    for item in items:
        # Every copy leaves out the same routine items, so they number alike.
        if PROCEDURAL_TITLE.match(item.title):
            continue
        item.readable = sees_all or not item.is_restricted
        found.append(item)
    return found


def not_going_ahead(activities, overrides, numbering, missing) -> dict | None:
    """The year of each activity not going ahead: its updates as the other activities'
    are, with the reason they give, where it was reported and where it continues."""
    paras = []
    for activity in activities:
        if not in_key_work(activity):
            paras += activity_paragraphs(activity, overrides, numbering, missing, kind="reason")
    if not paras:
        return None
    return {"heading": "Not progressed and carried forward", "paragraphs": paras}


def proposals(programme, next_programme, written, numbering) -> dict | None:
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
        # The officers' own introduction, when they wrote one, instead of the usual one.
        "paragraphs": written.paragraphs(ReportSection.Place.PROPOSALS, numbering)
        or [{"number": numbering.next(), "text": intro}],
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
        position = budgeted.budget_position(allocated)
        budget = f"£{budgeted.policy_budget:,.0f}"
        opening = f"The Board's policy budget for the {budgeted.year} financial year is {budget}"
        if position.over:
            text = (
                f"{opening}; £{allocated:,.0f} is allocated to activities, "
                f"£{position.over:,.0f} more than the budget."
            )
        else:
            text = (
                f"{opening}, of which £{allocated:,.0f} is allocated to activities and "
                f"£{position.left:,.0f} remains to be allocated."
            )
        paras.append({"number": numbering.next(), "text": text})
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
    """The same copy with an item's paragraphs withheld ("Not for publication", keeping their
    numbers, so the public and members' copies number the same paragraphs alike) and its
    links taken out, as it would have been written had the item been confidential then."""
    content = copy.deepcopy(content)
    for paragraph in all_paragraphs(content):
        refs = paragraph.get("references", [])
        if _is_from(paragraph, item_id, url) or (
            refs and not paragraph.get("activity") and all(_is_from(r, item_id, url) for r in refs)
        ):
            number = paragraph["number"]
            paragraph.clear()
            paragraph.update(withheld(number, item_id))
            continue
        paragraph["references"] = [r for r in refs if not _is_from(r, item_id, url)]
    return mark_confidentiality(content)


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
    return mark_confidentiality(content)

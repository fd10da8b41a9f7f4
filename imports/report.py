"""End-of-year reports: the front matter; the year's themes ("1.1 Community safety"); the
numbered paragraphs of the summary of work, by theme; and the table of proposed areas of
focus for next year, which becomes next year's programme, proposed.

The paragraphs are shown for review with the activity each seems to report on, but are not
turned into progress updates: which activity a paragraph is about is a judgement the
reviewer makes, not the importer.
"""

import re

from meetings.suggestions import words
from workplan.models import Activity

from .common import (
    DocumentError,
    Line,
    Parsed,
    find_year_label,
    first_sentence,
    plain,
    unbullet,
    words_key,
    year_entry,
)
from .papers import SECTION_HEADINGS, front_matter, heading_key, sections
from .people import PeopleSeen

PROPOSALS = re.compile(r"^Proposed areas of (?:focus|work) for\s+(\d{4}/\d{2})", re.I)
SUMMARY = "summary of key issues and work"
NUMBERED = re.compile(r"^(\d+)\.\s*(\S.*)$")
THEME_ITEM = re.compile(r"^\d+\.\d+\s+(\S.*)$")
TABLE_HEADINGS = {"priority area", "proposed activity"}


def parse(lines: list[Line], board, **_options) -> Parsed:
    people = PeopleSeen()
    warnings: list[str] = []
    proposals_at = next((i for i, x in enumerate(lines) if PROPOSALS.match(x.text)), None)
    if proposals_at is None:
        raise DocumentError(None, "no “Proposed areas of focus for 20xx/yy” heading was found")
    proposals_line = lines[proposals_at]
    next_year = PROPOSALS.match(proposals_line.text).group(1)
    start = int(next_year[:4]) - 1
    year = f"{start}/{(start + 1) % 100:02d}"
    found = sections(lines, stop_at={heading_key(proposals_line.text)})
    background = found.get("background", [])
    stated = find_year_label(" ".join(x.text for x in background))
    if stated and stated != year:
        warnings.append(f"The background speaks of {stated}, the proposals are for {next_year}.")
    listed = [plain(m.group(1)).rstrip(".") for x in background if (m := THEME_ITEM.match(x.text))]
    proposals = _proposals(lines[proposals_at + 1 :], board, warnings)
    known = listed + [t["title"] for t in proposals]
    report = front_matter(lines, people, board)
    report["year"] = year
    report["purpose"] = _purpose_sentence(lines)
    report["themes"] = listed
    return Parsed(
        {
            "year": [year_entry(year), year_entry(next_year)],
            "report": report,
            "paragraph": _paragraphs(found.get(SUMMARY, []), known, board, year),
            "programme": {
                "year": next_year,
                "status": "proposed",
                "note": f"Initial proposals put to the Board with the {year} end-of-year report.",
            },
            "theme": proposals,
            "person": people.as_list(),
        },
        warnings,
    )


def _purpose_sentence(lines: list[Line]) -> str:
    """The report keeps the purpose as written ("For direction.")."""
    purpose = sections(lines).get("purpose of report", [])
    return plain(purpose[0].text)[:200] if purpose else "For direction."


def _paragraphs(lines: list[Line], themes: list[str], board, year: str) -> list[dict]:
    """Each numbered paragraph with the theme and sub-heading it is under."""
    activities = list(
        Activity.objects.filter(
            theme__programme__board=board, theme__programme__year__start_year=int(year[:4])
        ).values_list("title", "description")
    )
    found: list[dict] = []
    theme, heading = "", ""
    for line in lines:
        numbered = NUMBERED.match(line.text)
        if numbered:
            found.append(
                {
                    "number": int(numbered.group(1)),
                    "line": line.number,
                    "theme": theme,
                    "heading": heading,
                    "text": plain(numbered.group(2)),
                }
            )
        elif found and line.text[:1].islower():
            found[-1]["text"] += " " + plain(line.text)  # a line broken by the page width
        else:
            matched = _theme_named(line.text, themes)
            theme, heading = (matched, "") if matched else (theme, plain(line.text))
    for paragraph in found:
        paragraph["activity"] = _likely_activity(paragraph["text"], activities)
    return found


def _theme_named(text: str, themes: list[str]) -> str:
    key = set(words_key(text).split()) - {"and"}
    for theme in themes:
        wanted = set(words_key(theme).split()) - {"and"}
        if key == wanted or (wanted and len(key & wanted) / len(wanted) >= 0.6):
            return theme
    return ""


def _likely_activity(text: str, activities: list[tuple[str, str]]) -> str:
    wanted = words(text)
    scored = sorted(
        (
            (len(wanted & words(f"{title} {description}")), title)
            for title, description in activities
        ),
        reverse=True,
    )
    if scored and scored[0][0] >= 3 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return ""


def _proposals(lines: list[Line], board, warnings: list[str]) -> list[dict]:
    """The table: a priority area, then its proposed activities, one a bullet."""
    known = {
        words_key(t)
        for t in Activity.objects.filter(theme__programme__board=board).values_list(
            "title", flat=True
        )
    }
    themes: list[dict] = []
    block: list[Line] = []
    for line in [*lines, Line(0, "")]:
        if heading_key(line.text) in SECTION_HEADINGS:
            break
        if heading_key(line.text) in TABLE_HEADINGS:
            continue
        if line.text:
            block.append(line)
        elif block:
            themes.append(_row(block, known, warnings))
            block = []
    if block:
        themes.append(_row(block, known, warnings))
    themes = [t for t in themes if t]
    if not themes:
        raise DocumentError(lines[0].number if lines else None, "the proposals table has no rows")
    return themes


def _row(block: list[Line], known: set[str], warnings: list[str]) -> dict:
    cells = [c for x in block for c in x.text.split("\t") if c.strip()]
    if len(cells) < 2:
        return {}
    area = plain(unbullet(cells[0]))
    bullets = [unbullet(b) for c in cells[1:] for b in re.split(r"</?p>", c) if plain(b)]
    activities: list[dict] = []
    listing = False
    for bullet in bullets:
        text = plain(bullet)
        if listing and words_key(text) not in known:
            activities[-1]["description"] += f"\n- {text}"
            continue
        listing = bool(re.search(r"including:?$", text))
        title = re.sub(r",?\s*including:?$", "", text).strip()
        title, rest = _split(title)
        activity = {"title": title, "status": "proposed", "line": block[0].number}
        activity["description"] = "Including:" if listing else rest
        activities.append(activity)
    for activity in activities:
        if activity["description"].startswith("Including:"):
            count = activity["description"].count("\n- ")
            warnings.append(
                f"“{area}”: the {count} bullets after “{activity['title'][:60]}…, including:” are "
                "read as part of it, up to the first that matches an activity already recorded."
            )
    return {"title": area, "activity": activities}


def _split(text: str) -> tuple[str, str]:
    title, rest = first_sentence(text)
    if len(title) > 300:
        raise DocumentError(None, f"a proposed activity is over 300 characters: “{title[:60]}…”")
    return title, rest

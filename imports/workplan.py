"""Work plans: theme headings (set in italics) each followed by its activities, one a line,
as in the work-projects paper's appendix; and candidate-project tables with the columns
Issue, Further information, Resource requirement and Indicative timing.
"""

import re

from .common import (
    DocumentError,
    Line,
    Parsed,
    board_year_label,
    check_time,
    find_year_label,
    first_sentence,
    plain,
    year_entry,
)
from .papers import SECTION_HEADINGS, paper_date

THEME = re.compile(r"^<(i|em)>(.+)</\1>$", re.IGNORECASE)
PLAN_HEADING = re.compile(r"work (?:programme|plan)\b", re.IGNORECASE)
CANDIDATE_THEME = "Candidate projects"
COLUMNS = {
    "title": re.compile(r"^(issue|project|title)", re.I),
    "description": re.compile(r"^(further information|description|details)", re.I),
    "resource_requirement": re.compile(r"^resource", re.I),
    "indicative_timing": re.compile(r"timing", re.I),
}


def parse(lines: list[Line], board, file_name: str = "", **_options) -> Parsed:
    warnings: list[str] = []
    themes = _themes(lines, warnings)
    candidates = _candidate_table(lines, warnings)
    if not themes and not candidates:
        raise DocumentError(
            None,
            "no work plan was found: looked for theme headings in italics followed by "
            "activities, and for a table headed Issue … Indicative timing",
        )
    label, heading = _year(lines)
    if candidates:
        if any(t["title"] == CANDIDATE_THEME for t in themes):
            raise DocumentError(None, f"the paper already has a theme called {CANDIDATE_THEME}")
        themes.append({"title": CANDIDATE_THEME, "activity": candidates})
        warnings.append(
            f"The {len(candidates)} candidate projects are not under a theme in the paper. Any "
            f"that the {label} programme already has are matched by title; the rest go under "
            f"“{CANDIDATE_THEME}”: move them to a theme after accepting."
        )
    note = f"Read from {file_name or 'a paper'}"
    if heading:
        note += f", where it is headed “{heading}”"
    return Parsed(
        {
            "year": [year_entry(label)],
            "programme": {"year": label, "status": "proposed", "note": note + "."},
            "theme": themes,
        },
        warnings,
    )


def _year(lines: list[Line]) -> tuple[str, str]:
    for line in lines:
        if PLAN_HEADING.search(line.text) and find_year_label(line.text):
            return find_year_label(line.text), plain(line.text)
    day = paper_date(lines)
    if day:
        return board_year_label(day), ""
    raise DocumentError(
        None, "the paper does not say which year the work plan is for (such as “2022/23”)"
    )


def _themes(lines: list[Line], warnings: list[str]) -> list[dict]:
    themes: list[dict] = []
    current = None
    for line in lines:
        heading = THEME.match(line.text)
        if heading:
            current = {"title": plain(heading.group(2)), "activity": [], "line": line.number}
            themes.append(current)
        elif current is None or not line.text:
            continue
        elif plain(line.text).lower() in SECTION_HEADINGS or "\t" in line.text:
            current = None
        else:
            current["activity"].append(activity_from(line))
    for theme in themes:
        if not theme["activity"]:
            warnings.append(
                f"Line {theme['line']}: the theme “{theme['title']}” has no activities."
            )
    return themes


def activity_from(line: Line) -> dict:
    """One line of a work plan: a sentence of what will be done, perhaps "including:" a list
    (an inline <ul> or • bullets)."""
    text = line.text
    bullets: list[str] = []
    listed = re.split(r"<ul\b[^>]*>|\s•\s", text)
    if len(listed) > 1:
        text = listed[0]
        bullets = [plain(b) for part in listed[1:] for b in part.split("•") if plain(b)]
    text = plain(text)
    title, rest = (text, "") if len(text) <= 300 else first_sentence(text)
    title = re.sub(r",?\s*including:?$", "", title).strip()
    if len(title) > 300:
        raise DocumentError(line.number, "this activity is over 300 characters with no full stop")
    description = rest
    if bullets:
        description = "\n".join(["Including:", *(f"- {b}" for b in bullets)])
    activity = {"title": title, "status": "proposed", "line": line.number}
    if description:
        activity["description"] = description
    return activity


def _candidate_table(lines: list[Line], warnings: list[str]) -> list[dict]:
    start = next((i for i, line in enumerate(lines) if _columns(line.text)), None)
    if start is None:
        return []
    columns = _columns(lines[start].text)
    rows: list[tuple[Line, list[str]]] = []
    for index, line in enumerate(lines[start + 1 :]):
        if index % 200 == 0:
            check_time()
        if not line.text:
            continue
        if "\t" not in line.text or re.fullmatch(r"[-\t ]+", line.text):
            break
        cells = [cell.strip() for cell in line.text.split("\t")]
        if rows and cells[0][:1].islower():
            # A row broken across a page: its first cell goes on in lower case.
            rows[-1] = (rows[-1][0], _merge(rows[-1][1], cells))
        else:
            rows.append((line, cells))
    projects = []
    for line, cells in rows:
        values = {name: _paragraphs(cells[i]) for name, i in columns.items() if i < len(cells)}
        if not values.get("title"):
            raise DocumentError(line.number, "a candidate project has no issue (first column)")
        if len(values["title"]) > 300:
            raise DocumentError(line.number, "a candidate project's issue is over 300 characters")
        projects.append({**values, "status": "proposed", "line": line.number})
    if not projects:
        warnings.append(f"Line {lines[start].number}: the candidate-project table has no rows.")
    return projects


def _columns(text: str) -> dict[str, int] | None:
    cells = [plain(c) for c in text.split("\t")]
    found = {}
    for name, pattern in COLUMNS.items():
        for index, cell in enumerate(cells):
            if pattern.search(cell) and index not in found.values():
                found[name] = index
                break
    return found if {"title", "indicative_timing"} <= set(found) else None


def _merge(first: list[str], more: list[str]) -> list[str]:
    merged = []
    for index in range(max(len(first), len(more))):
        a = first[index] if index < len(first) else ""
        b = more[index] if index < len(more) else ""
        b = re.sub(r"^<p>(.*?)</p>", r"\1", b)
        merged.append(f"{a} {b}".strip())
    return merged


def _paragraphs(cell: str) -> str:
    parts = [plain(p) for p in re.split(r"</?p>", cell)]
    text = "\n\n".join(p for p in parts if p)
    return re.sub(r"\s+,", ",", text)

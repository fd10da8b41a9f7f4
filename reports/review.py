"""Board members' review of a version sent to the board: the comments on each paragraph, and
what changed paragraph by paragraph between two versions."""

import copy
from difflib import SequenceMatcher
from itertools import zip_longest

from django.urls import reverse

from boards.wording import word_diff

from .builder import all_paragraphs


def with_review(content: dict, programme, version, comments: list) -> dict:
    """The copy with each paragraph's comments counted and linked (for the page only)."""
    content = copy.deepcopy(content)
    by_paragraph: dict[str, list] = {}
    for comment in comments:
        if comment.in_reply_to_id is None:
            by_paragraph.setdefault(comment.paragraph, []).append(comment)
    for paragraph in all_paragraphs(content):
        threads = by_paragraph.get(paragraph["number"], [])
        still_open = sum(1 for c in threads if c.resolved_at is None)
        paragraph["review"] = {
            "url": reverse(
                "reports:paragraph_review",
                args=[
                    programme.board.slug,
                    programme.year.slug,
                    version.number,
                    paragraph["number"],
                ],
            ),
            "count": len(threads),
            "open": still_open,
        }
    return content


def find_paragraph(content: dict, number: str) -> dict | None:
    return next((p for p in all_paragraphs(content) if p["number"] == number), None)


def matching_paragraph(paragraph: dict, content: dict) -> tuple[dict, bool] | None:
    """The paragraph of another copy with the same text, or failing that the most alike (at
    least 60% of its words), and whether its text changed; None when nothing is alike."""
    best, best_ratio = None, 0.6
    for candidate in all_paragraphs(content):
        if candidate["text"] == paragraph["text"]:
            return candidate, False
        ratio = SequenceMatcher(a=paragraph["text"].split(), b=candidate["text"].split()).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return (best, True) if best else None


def _groups(content: dict) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for section in content["sections"]:
        groups[section["heading"]] = list(section.get("paragraphs", []))
        for subsection in section.get("subsections", []):
            groups[f"{section['heading']}: {subsection['heading']}"] = subsection["paragraphs"]
    return groups


def paragraph_changes(old: dict, new: dict) -> list[dict]:
    """Paragraph by paragraph, section by section: what was added, removed or reworded
    between two copies of the report (paragraphs aligned by their text, not their number)."""
    old_groups, new_groups = _groups(old), _groups(new)
    changes = []
    for heading in [*new_groups, *(h for h in old_groups if h not in new_groups)]:
        before, after = old_groups.get(heading, []), new_groups.get(heading, [])
        matcher = SequenceMatcher(a=[p["text"] for p in before], b=[p["text"] for p in after])
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            for was, now in zip_longest(before[i1:i2], after[j1:j2]):
                if was and now:
                    kind, runs = "changed", word_diff(was["text"], now["text"])
                else:
                    kind, runs = ("added", None) if now else ("removed", None)
                if kind == "changed":
                    moved = f" (was {was['number']})" if was["number"] != now["number"] else ""
                    title = f"paragraph {now['number']} changed{moved}"
                else:
                    title = f"paragraph {(now or was)['number']} {kind}"
                changes.append(
                    {
                        "heading": heading,
                        "title": title,
                        "kind": kind,
                        "old": was,
                        "new": now,
                        "runs": runs,
                    }
                )
    return changes

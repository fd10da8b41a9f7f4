"""The people a document names: how the papers write them, and who they are in the database.

Papers write the same person many ways: "Cllr Jeanie Bell", "Councillor Jeanie Bell",
"Cllr Morris Bright MBE", "Detective Chief Constable Maggie Blyth". A Person keeps the
honorific and post-nominals apart from the name, so matching is on the name alone, then the
authority when two people share a name. Someone the database does not know is created when
the import is accepted, and flagged on the review page so a clerk can check the spelling.
"""

import re
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_

from django.db.models import Q

from boards.models import Authority, Board, Person

from .common import Parsed, words_key

# Longest first, so "Detective Chief Constable" wins over "Chief Constable".
HONORIFICS = [
    ("Detective Chief Constable", "DCC"),
    ("Deputy Chief Constable", "DCC"),
    ("Assistant Chief Constable", "ACC"),
    ("Chief Constable", "CC"),
    ("Councillors", "Cllr"),
    ("Councillor", "Cllr"),
    ("Cllrs", "Cllr"),
    ("Cllr.", "Cllr"),
    ("Cllr", "Cllr"),
    ("Rt Hon", "Rt Hon"),
    ("Professor", "Professor"),
    ("Baroness", "Baroness"),
]
HONORIFICS += [(h, h) for h in ("DCC", "ACC", "Dame", "Lord", "Lady", "Sir", "Dr", "Prof")]
HONORIFICS += [(h, h) for h in ("Mr", "Mrs", "Ms", "Miss")]
POST_NOMINALS = {"MBE", "OBE", "CBE", "DBE", "KBE", "BEM", "JP", "DL", "MP", "KC", "QC", "QPM"}


@dataclass(frozen=True)
class WrittenName:
    honorific: str
    name: str
    post_nominals: str
    substitute: bool = False


# Minutes repeat the same names many times; reading each once keeps long files quick.
@lru_cache(maxsize=4096)
def split_name(written: str) -> WrittenName:
    text = re.sub(r"\s+", " ", written).strip(" ,.;:")
    substitute = bool(re.search(r"\((?:sub|substitute)\)", text, re.IGNORECASE))
    text = re.sub(r"\s*\([^)]*\)", "", text).strip()
    honorific = ""
    for written_form, kept in HONORIFICS:
        if text.lower().startswith(written_form.lower() + " "):
            honorific, text = kept, text[len(written_form) :].strip()
            break
    words = text.split(" ")
    post = []
    while len(words) > 1 and words[-1].strip(",").upper() in POST_NOMINALS:
        post.insert(0, words.pop().strip(","))
    return WrittenName(honorific, " ".join(words).strip(","), " ".join(post), substitute)


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words, after any honorific: "Cllr Jo Beavis", "Mark Norris"."""
    name = split_name(text).name
    # Initials count as a first name: "R Sykes", "J. R. Hartley".
    return bool(
        re.fullmatch(r"(?:[A-Z]\.? |[A-Z][\w’'-]+ (?:(?:de|van|von) )?){1,3}[A-Z][\w’'-]+", name)
    )


class PeopleSeen:
    """Everyone a document names, once each, with what it says about them."""

    def __init__(self) -> None:
        self.entries: dict[str, dict] = {}

    def add(self, written: str, **details: str) -> str:
        parts = split_name(written)
        key = words_key(parts.name)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = {
                "name": parts.name,
                "honorific": parts.honorific,
                "post_nominals": parts.post_nominals,
                "kind": "councillor" if parts.honorific == "Cllr" else "guest",
                "authority": "",
                "job_title": "",
                "organisation": "",
                "as_written": written.strip(),
            }
        for name, value in [("honorific", parts.honorific), ("post_nominals", parts.post_nominals)]:
            entry[name] = entry[name] or value
        if parts.honorific == "Cllr":
            entry["kind"] = "councillor"
        for name, value in details.items():
            if value and (not entry.get(name) or (name == "kind" and entry["kind"] == "guest")):
                entry[name] = value
        return entry["name"]

    def as_list(self) -> list[dict]:
        return list(self.entries.values())


def match_people(parsed: Parsed, board: Board) -> None:
    """Point every person and authority the document names at the database's record where
    there is one, and flag the rest as new. Renames references to the database's spelling."""
    data = parsed.data
    people = data.get("person", [])
    authorities = {words_key(a.name): a.name for a in Authority.objects.all()}
    for entry in data.get("authority", []):
        known = authorities.get(words_key(entry["name"]))
        entry["new"] = known is None
        if known is not None:
            for p in people:
                if p.get("authority") == entry["name"]:
                    p["authority"] = known
            entry["name"] = known
    if not people:
        return
    wanted = reduce(or_, (Q(name__iexact=p["name"]) for p in people))
    found: dict[str, list[Person]] = {}
    for person in Person.objects.filter(wanted).select_related("authority"):
        found.setdefault(words_key(person.name), []).append(person)
    on_board = set(
        Person.objects.filter(
            Q(memberships__board=board) | Q(attendance__meeting__board=board),
            pk__in=[p.pk for same in found.values() for p in same],
        ).values_list("pk", flat=True)
    )
    for entry in people:
        candidates = found.get(words_key(entry["name"]), [])
        person = _best(candidates, entry, on_board)
        entry["person_id"] = person.pk if person else None
        entry["new"] = person is None
        if person is not None and len(candidates) > 1:
            parsed.warnings.append(
                f"{len(candidates)} people are called {entry['name']}: matched the one with "
                f"{person.authority or 'no authority'}."
            )
        if person is not None and person.name != entry["name"]:
            rename(data, entry["name"], person.name)
            entry["name"] = person.name
    new = [p["name"] for p in people if p["new"]]
    if new:
        parsed.warnings.append(
            f"{len(new)} of the {len(people)} people named are not in the database and will be "
            "added (marked New): check how their names are spelt before accepting."
        )
    new_authorities = [a["name"] for a in data.get("authority", []) if a["new"]]
    if new_authorities:
        parsed.warnings.append(f"New authorities will be added: {', '.join(new_authorities)}.")


def _best(candidates: list[Person], entry: dict, on_board: set[int]) -> Person | None:
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    authority = words_key(entry.get("authority") or "")
    for person in candidates:
        if authority and person.authority and words_key(person.authority.name) == authority:
            return person
    return next((p for p in candidates if p.pk in on_board), candidates[0])


def rename(data: dict, old: str, new: str) -> None:
    """Every place the FORMAT.md shapes name a person."""

    def swap(value):
        return new if value == old else value

    for a in data.get("attendance", []):
        a["person"], a["substitute_for"] = swap(a["person"]), swap(a.get("substitute_for", ""))
    for record in data.get("declaration", []) + data.get("membership", []):
        record["person"] = swap(record["person"])
    for item in data.get("item", []):
        item["presenters"] = [swap(p) for p in item.get("presenters", [])]
        for action in item.get("actions", []):
            action["owner"] = swap(action.get("owner", ""))
        if "paper" in item:
            item["paper"]["contact_officer"] = swap(item["paper"].get("contact_officer", ""))
    for theme in data.get("theme", []):
        for activity in theme.get("activity", []):
            activity["lead_officer"] = swap(activity.get("lead_officer", ""))
    if "report" in data:
        data["report"]["contact_officer"] = swap(data["report"].get("contact_officer", ""))

"""Who presented an item, from the sentences notes open an item with:

- "Mark Norris, Principal Policy Adviser informed the Board …"
- "Rachel Phelps, LGA Adviser, outlined the report …"
- "Charles Loft introduced the report …", "Mark Norris highlighted the following key points:"
- "The Chair introduced Matt Collins, Director of Prevent at the Home Office, who gave …"
- "The Chair introduced a presentation by Detective Chief Constable Maggie Blyth, the new …"

The Chair introducing "the report" is not a presenter: the Chair is not named there.
"""

import re

from .people import PeopleSeen, looks_like_name, split_name

NAME = (
    r"(?!(?:Our|The|Their|His|Her|This|That|These|Those|An?|It|There|Members|All)\b)"
    r"(?:(?:Cllr|Councillor|Dr|DCC|Dame|Sir|Baroness|Lord) )?[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}"
)
VERBS = (
    r"informed|introduced|outlined|gave|highlighted|presented|updated|explained|reported|set out"
)
WITH_ROLE = re.compile(rf"^(?P<name>{NAME}), (?P<role>[^,.]{{2,80}}?),? (?:{VERBS})\b")
WITHOUT_ROLE = re.compile(rf"^(?P<name>{NAME}) (?:{VERBS})\b")
BY_THE_CHAIR = re.compile(
    r"^The Chair introduced (?:a presentation (?:by|from) )?(?P<names>[A-Z][^,]*?),\s*"
    r"(?P<role>.+?)(?:,\s*who\b|\.\s*$|$)"
)
NOT_NAMES = {"The", "Members", "Officers", "Following", "During", "Councillors", "Lead", "Board"}
ORGANISATION = re.compile(
    r"\b(Ministry|Department|Office|Council|Association|Agency|Commission|Police|Service)\b"
)
LGA = re.compile(r"^(?:LGA|Local Government Association)\s+")


def presenters_in(paragraphs: list[str], people: PeopleSeen) -> list[str]:
    names: list[str] = []
    for paragraph in paragraphs:
        for written, role in _presenters(paragraph):
            if not looks_like_name(written) or written.split()[0] in NOT_NAMES:
                continue
            name = people.add(written, **_details(written, role))
            if name not in names:
                names.append(name)
    return names


def _presenters(paragraph: str) -> list[tuple[str, str]]:
    chair = BY_THE_CHAIR.match(paragraph)
    if chair:
        role = chair.group("role").strip()
        return [(n.strip(), role) for n in re.split(r"\s+and\s+", chair.group("names"))]
    for pattern in (WITH_ROLE, WITHOUT_ROLE):
        match = pattern.match(paragraph)
        if match:
            return [(match.group("name"), match.groupdict().get("role") or "")]
    return []


def _details(written: str, role: str) -> dict[str, str]:
    """What the role says about a new person: an LGA officer's job title, or a guest's job
    and organisation ("Director of Prevent at the Home Office")."""
    role = re.sub(r"^(?:the )?(?:new )?", "", role.strip())
    if split_name(written).honorific == "Cllr":
        return {}
    if LGA.match(role) or (re.search(r"\bAdviser\b", role) and not ORGANISATION.search(role)):
        return {
            "kind": "officer",
            "job_title": LGA.sub("", role),
            "organisation": "Local Government Association",
        }
    at = re.match(r"^(.+?) (?:at|for) (?:the )?((?:[A-Z][\w’'-]*\s?)+)$", role)
    if at and ORGANISATION.search(at.group(2)):
        return {"kind": "guest", "job_title": at.group(1), "organisation": at.group(2).strip()}
    if ORGANISATION.search(role) and not re.search(r"\b(lead|Director|Head|Chief)\b", role):
        return {"kind": "guest", "organisation": role}
    return {"kind": "guest", "job_title": role[:200]}

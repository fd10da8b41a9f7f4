"""Recognisers for what a sentence of minutes records: a decision, an action, attendance, exempt
business. Each reads the shape of the sentence (who does what, and how it is said), not a
list of one body's words, and gives what it found with its evidence and a confidence:
"sure" when the minutes mark it ("RESOLVED:", "Action: Clerk"), "likely" when the sentence
has the shape of one ("The Clerk will write to …", "Motion … carried"), "doubtful" when it
might be ("… would be circulated"). A doubtful finding is kept, tagged for the clerk to
check with the reason; nothing is dropped or made up.
"""

import re
from dataclasses import dataclass

SURE, LIKELY, DOUBTFUL = "sure", "likely", "doubtful"


@dataclass(frozen=True)
class Finding:
    kind: str  # "decision" or "action"
    text: str
    owner: str = ""
    confidence: str = LIKELY
    evidence: str = ""

    @property
    def doubt(self) -> str:
        return self.evidence if self.confidence == DOUBTFUL else ""


# --- Sentences ----------------------------------------------------------------------------

ABBREVIATIONS = r"(?:Cllrs?|Mr|Mrs|Ms|Dr|St|No|Prof|Rev|Co|Ltd|approx|etc|e\.g|i\.e|vs|Inc|Jr|Sr)"


def sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences: split after . ! ? before a capital, not after "Cllr." or an
    initial ("J. Smith")."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"‘(])", paragraph.strip())
    out: list[str] = []
    for part in parts:
        if out and re.search(rf"(?:\b{ABBREVIATIONS}|\b[A-Z])\.$", out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [p.strip() for p in out if p.strip()]


# --- Who -----------------------------------------------------------------------------------

# Roles and teams that act in minutes, in any body's words.
ROLE = (
    r"(?:the\s+)?(?:(?:parish|town|community|assistant|deputy|interim|acting|vice|executive|"
    r"senior|district|county|borough|city)\s+)*"
    r"(?:clerk|chair(?:man|person|woman)?|cathaoirleach|secretary|treasurer|officers?|"
    r"council(?:lors)?|board|committee|members?|trustees?|directors?|manager|engineer|"
    r"supervisors?|staff|team|group|executive|administrator|coordinator|co-ordinator|"
    r"mayor|leader|president|webmaster|proper officer|RFO)"
)
NAME = r"(?:[A-Z][\w’'.-]+|[A-Z]{2,4})"
HONORIFIC = (
    r"(?:Cllrs?\.?|Councillors?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Prof\.?|Supervisor|Clerk|Chair|"
    r"Treasurer|Secretary|Director|Inspector|Officer)"
)
PERSON = rf"(?:{HONORIFIC}\s+)?(?:{NAME}\s+){{0,2}}{NAME}"
OWNER = rf"(?P<owner>(?:(?i:{ROLE})|{PERSON})(?:\s*(?:,|and|&|/)\s*(?:(?i:{ROLE})|{PERSON}))*)"
# A line that only names who is to act, printed under (or beside) the paragraph it applies
# to: "Clerk", "Cllr. O. Williams/Clerk", "JS", "ALL".
ONE_OWNER = (
    rf"(?:(?i:{ROLE})|{HONORIFIC}\s+(?:[A-Z][\w’'.-]*\s+){{0,2}}[A-Z][\w’'.-]+|[A-Z]{{2,4}}|ALL|All|"
    r"[A-Z][a-z]+\s+[A-Z][\w’'-]+)"
)
OWNER_ONLY = re.compile(rf"^{ONE_OWNER}(?:\s*(?:/|,|&|and)\s*{ONE_OWNER})*\.?$")
NOT_OWNERS = re.compile(
    r"^(?:it|this|that|there|these|those|which|what|they|we|he|she|the\s+\w+ing|all|any|"
    r"each|some|one|none|nothing|minutes?|the\s+(?:minutes?|meeting|report|item|matter))$",
    re.I,
)
PRONOUN = re.compile(r"^(?:he|she|they|we|I)$", re.I)

# "X will …", "X would …", "X to …", "X agreed to …", "X was asked to …", "X undertook to …".
ACTION_SHAPE = re.compile(
    rf"^(?:(?:and|but|also|then)\s+)?{OWNER}\s+"
    r"(?P<how>will|would|shall|is\s+to|are\s+to|to|agreed\s+to|undertook\s+to|offered\s+to|"
    r"volunteered\s+to|was\s+asked\s+to|were\s+asked\s+to|has\s+been\s+asked\s+to|"
    r"is\s+going\s+to|are\s+going\s+to|needs?\s+to|should)\s+"
    r"(?:(?:also|again|now|then|kindly|still|further)\s+)*(?P<verb>[a-z][\w-]+)\b(?P<rest>.*)$"
)
PRONOUN_ACTION = re.compile(
    r"^(?P<owner>(?i:he|she|they|we))\s+(?P<how>will|would|agreed\s+to|undertook\s+to|"
    r"offered\s+to|is\s+going\s+to)\s+"
    r"(?:(?:also|again|now|then)\s+)*(?:be\s+(?=[a-z]+ing\b))?(?P<verb>[a-z][\w-]+)\b"
)
# Someone the minutes name, whom a later "he" or "she" stands for.
MENTION = re.compile(
    r"\b(?:(?:Cllrs?|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]+"
    r"|(?:the|our)\s+(?:clerk|chair(?:man|person|woman)?|secretary|treasurer)\b)"
)


def speaker(before: str, sentence: str) -> str:
    """Who a "he" or "she" in the sentence stands for: the last person named before it in the
    paragraph, when one was."""
    pronoun = re.search(r"\b(?:he|she)\b", sentence, re.I)
    if pronoun is None:
        return ""
    named = list(MENTION.finditer(f"{before} {sentence[: pronoun.start()]}"))
    return _owner(re.sub(r"^our\s+", "", named[-1].group(0), flags=re.I)) if named else ""


def _for_pronoun(found: Finding | None, who: str) -> Finding | None:
    """A task a pronoun took on, given to the person the pronoun stands for."""
    if found is None or found.owner or not who or "who only before" not in found.evidence:
        return found
    evidence = f"{found.evidence}: read as {who}, named before it"
    return Finding(found.kind, found.text, who, LIKELY, evidence)


# Passive future tasks: "The letter will be circulated", "A meeting will be arranged".
PASSIVE_TASK = re.compile(
    r"\b(?:will|would|is\s+to|are\s+to|to)\s+be\s+(?:(?:sent|circulated|arranged|prepared|"
    r"drafted|provided|placed|put|added|raised|invited|contacted|approached|asked|ordered|"
    r"obtained|published|posted|updated|reviewed|brought|reported|investigated|organised|"
    r"organized|written|made|booked|purchased|installed|repaired|checked|followed|forwarded|"
    r"issued|requested|sought|considered|discussed|carried|taken|held|done)\b)",
    re.I,
)
# Verbs after "will" that are no task: "will be", "would like", "will need", "would have".
NOT_TASK_VERBS = {
    "be",
    "have",
    "like",
    "need",
    "mean",
    "cost",
    "take",
    "depend",
    "continue",
    "remain",
    "become",
    "happen",
    "help",
    "allow",
    "enable",
    "result",
    "affect",
    "benefit",
    "seem",
    "appear",
    "include",
    "involve",
    "require",
    "welcome",
    "love",
    "prefer",
    "expect",
    "not",
    "also",
    "probably",
    "possibly",
    "hopefully",
    "hope",
    "open",
    "close",
    "start",
    "run",
    "want",
    "wish",
}
# Reminders and past events are no actions.
PAST = re.compile(r"\b(?:had|has been|was|were)\s+(?:already\s+)?(?:done|completed|sent|held)\b")


ONGOING = re.compile(
    rf"^(?:{OWNER}|(?P<pronoun>(?i:he|she)))\s+(?:is|was|are|were|continues?\s+to|continued\s+to)\s+(?:still\s+)?"
    r"(?P<verb>in\s+the\s+process\s+of\s+[a-z]+ing|progressing|checking|looking\s+into|investigating|arranging|enquiring|liaising|"
    r"preparing|chasing|pursuing|following\s+up|working\s+on|organising|organizing|"
    r"contacting|seeking|investigate|pursue|chase|look\s+into|work\s+on|monitor|"
    r"monitoring)\b"
)
# Where a task may sit inside a sentence: after "agreed that", after a semicolon, after
# ", and".
CLAUSE = re.compile(
    r"\b(?:agreed|resolved|decided|asked|requested|noted|confirmed)\s+that\s+|;\s+|,\s+(?:and|but)\s+"
    r"|,\s+however,?\s+"
    r"|\s+and\s+(?=(?:the\s+)?(?:Cllr|Councillor|Mr|Mrs|Ms|Dr|Clerk|Chair)\b)"
    r"|\s+and\s+(?=(?:he|she)\s+(?:will|would|agreed|offered|undertook|is\s+going)\b)"
    r"|\s+and\s+(?=(?:will|would)\s+(?:also\s+)?(?:be\s+)?[a-z]+\b)"
    r"|,\s+(?=(?:the\s+)?(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)?[A-Za-z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]+){0,2}\s+(?:will|would|to|shall|agreed\s+to|offered\s+to|undertook\s+to|"
    r"was\s+asked\s+to|volunteered\s+to)\s)"
)


def action_in(sentence: str, who: str = "") -> Finding | None:
    """An action, from the sentence's shape: someone + will/would/to + a verb, or a task to
    be done ("… will be circulated"), in the sentence or one of its clauses. `who` is the
    person a "he" or "she" stands for."""
    found = _action_in(sentence) or _mandated(sentence) or _said_will(sentence)
    if found is not None:
        return _for_pronoun(found, who)
    for clause in CLAUSE.split(sentence)[1:]:
        elided = ELIDED.match(clause)
        if (
            elided
            and who
            and re.match(r"^(?:he|she)\b", sentence, re.I)
            and elided.group("verb") not in NOT_TASK_VERBS
        ):
            # "he had finished the report and would be sending it in": the task's "he" is
            # left out of the second clause.
            evidence = f"“{who}” takes on a task in a clause without its “he” or “she”"
            return Finding("action", sentence.strip(), who, DOUBTFUL, evidence)
        inner = _for_pronoun(_action_in(clause), who)
        sure_owner = inner is not None and (
            inner.confidence != DOUBTFUL
            or re.fullmatch(ROLE, inner.owner, re.I)
            or re.match(HONORIFIC, inner.owner)
        )
        if inner is not None and inner.owner and sure_owner:
            return Finding(
                "action", sentence.strip(), inner.owner, inner.confidence, inner.evidence
            )
    # A task under way, said of someone in the sentence or one of its clauses ("…, and Cllr
    # Bee is still chasing the contractor"), or of the work alone ("… is still ongoing").
    for clause in [sentence, *CLAUSE.split(sentence)[1:]]:
        ongoing = ONGOING.match(clause.strip())
        if ongoing and ongoing.group("pronoun") and who:
            # "She was preparing the accounts": the task of the one named before.
            return Finding(
                "action",
                sentence.strip(),
                who,
                DOUBTFUL,
                "someone is doing a task still under way",
            )
        if ongoing and not NOT_OWNERS.match(ongoing.group("owner")):
            return Finding(
                "action",
                sentence.strip(),
                _owner(ongoing.group("owner")),
                DOUBTFUL,
                "someone is doing a task still under way",
            )
    if UNDER_WAY.search(sentence) and not PAST.search(sentence):
        return Finding("action", sentence.strip(), "", DOUBTFUL, "work still under way")
    return None


# "… and would be sending it in": a clause whose subject is the sentence's.
ELIDED = re.compile(
    r"^(?:will|would)\s+(?:also\s+|again\s+)?(?:be\s+(?=[a-z]+ing\b))?(?P<verb>[a-z]+)\b"
)
# "The survey of the verges is still ongoing", "… remains in progress".
UNDER_WAY = re.compile(
    r"\b(?:is|was|are|were|remains?|remained)\s+(?:still\s+)?(?:ongoing|on-going|under\s+way|"
    r"in\s+progress)\b",
    re.I,
)


# "The Clerk, with help from the Chair, will …": an aside between who and what.
ASIDE = re.compile(
    rf"^{OWNER},\s+(?:with|together\s+with|along\s+with|supported\s+by|assisted\s+by|"
    r"helped\s+by|in\s+consultation\s+with|if\s+possible|where\s+possible)\b[^,]{0,80},\s+"
)
# After "agreed that", "resolved that": a person or role and the verb's bare form, the way
# English orders a task ("It was agreed that the Clerk write to the school").
MANDATED = re.compile(
    r"\b(?:agreed|resolved|decided|requested|recommended|proposed)\s+that\s+"
    rf"{OWNER}\s+(?P<verb>[a-z][a-z-]+)\b"
)
NOT_BARE = {
    "be", "had", "has", "have", "was", "were", "is", "are", "would", "could", "should",
    "might", "may", "can", "will", "shall", "did", "do", "does", "must", "not", "also",
    "who", "which", "that", "and", "or", "of", "in", "on", "at", "for", "from", "with",
}  # fmt: skip
# Past forms that do not end in -ed: "Jo said …", "Sam met …" report, they set no task.
IRREGULAR_PAST = {
    "said", "told", "met", "went", "gave", "made", "took", "sent", "spoke", "thought",
    "felt", "knew", "saw", "came", "got", "brought", "bought", "found", "left", "led",
    "held", "kept", "paid", "wrote", "ran", "began", "became", "stood", "understood",
    "heard", "sat", "won", "lost", "built", "spent", "taught", "caught", "sought", "drew",
}  # fmt: skip
# "Cllr Bee said that she would write to the school": the speaker takes on the task.
SAID_WILL = re.compile(
    rf"^{OWNER}\s+(?:said|stated|confirmed|explained|reported|advised|indicated|added)\s+"
    r"(?:that\s+)?(?:he|she|they)\s+(?P<how>will|would)\s+(?:(?:also|again|now|then)\s+)*"
    r"(?:be\s+)?(?P<verb>[a-z][\w-]+)\b"
)


MANDATED_PRONOUN = re.compile(
    r"\b(?:agreed|resolved|decided|requested|recommended|proposed)\s+that\s+"
    r"(?P<owner>he|she|they)\s+(?P<verb>[a-z][a-z-]+)\b"
)


def _mandated(sentence: str) -> Finding | None:
    found = MANDATED.search(sentence) or MANDATED_PRONOUN.search(sentence)
    if found is None:
        return None
    owner, verb = found.group("owner").strip(), found.group("verb")
    if verb in NOT_BARE or verb in NOT_TASK_VERBS or verb in IRREGULAR_PAST:
        return None
    if re.search(r"(?:[^s]s|ed|(?<![bs]r)ing)$", verb):  # "bring" and "string" are bare
        return None
    if PRONOUN.match(owner):
        evidence = f"“{owner} {verb}” sets a task; the minutes say who only before"
        return Finding("action", sentence.strip(), "", DOUBTFUL, evidence)
    if (
        NOT_OWNERS.match(owner)
        or re.fullmatch(BODY, owner, re.I)
        or (
            re.match(r"^(?:The|A|An|This|That|These|Those|There|It)\b", owner)
            and not re.search(ROLE, owner, re.I)
        )
    ):
        return None
    evidence = f"“{owner} {verb}” after “{found.group(0).split()[0]} that” sets someone a task"
    return Finding("action", sentence.strip(), _owner(owner), LIKELY, evidence)


def _said_will(sentence: str) -> Finding | None:
    found = SAID_WILL.match(sentence.strip())
    if found is None or found.group("verb") in NOT_TASK_VERBS:
        return None
    owner = found.group("owner").strip()
    if NOT_OWNERS.match(owner) or re.fullmatch(BODY, owner, re.I):
        return None
    confidence = LIKELY if found.group("how") == "will" else DOUBTFUL
    evidence = f"{owner} said they {found.group('how')} {found.group('verb')}"
    return Finding("action", sentence.strip(), _owner(owner), confidence, evidence)


# "Jo contact the school, Sam check the hedge, Kim will book the hall": a list of who does
# what, each part a name and a task. Read only when every part has that shape.
TASK_PART = re.compile(
    rf"^(?P<owner>{NAME}(?:\s+{NAME})?|(?i:{ROLE}))\s+(?:(?P<how>will|to)\s+)?"
    r"(?P<verb>[a-z][a-z-]+)\b"
)


def tasks_listed(sentence: str) -> list[Finding]:
    """The tasks of a sentence that lists who does what, or none."""
    parts = [p.strip() for p in re.split(r",\s+(?:and\s+)?(?=[A-Z])", sentence.strip())]
    if len(parts) < 2:
        return []
    found = []
    for part in parts:
        shape = TASK_PART.match(part)
        if shape is None:
            return []
        verb = shape.group("verb")
        bare = not shape.group("how")
        if verb in NOT_BARE or verb in NOT_TASK_VERBS or verb in IRREGULAR_PAST:
            return []
        if bare and re.search(r"(?:ed|ing)$", verb):
            return []
        if bare and re.search(r"[^s]s$", verb):
            return []  # "Jo reports …": news, not a task
        owner = shape.group("owner")
        if NOT_OWNERS.match(owner) or re.match(r"^(?:The|A|An|This|That|It)$", owner):
            return []
        evidence = "one of a list of who does what"
        found.append(Finding("action", part.rstrip("."), _owner(owner), LIKELY, evidence))
    return found


# "Following the survey the Town Council will look to repair the fence": a role or the body
# taking on a task after words that set the scene.
MID_TASK = re.compile(
    rf"\b(?:the|The)\s+(?P<owner>(?i:{ROLE}))\s+(?P<how>will|would\s+be(?=\s+[a-z]+ing\b))\s+"
    r"(?:also\s+)?(?P<verb>[a-z][\w-]+)\b"
)
# ", and an ex-member will be approached …", " and the Clerk will write …": a second task.
SECOND_TASK = re.compile(
    r",?\s+and\s+(?:that\s+(?=[\w’'.-]+(?:\s+[\w’'.-]+){0,3}\s+(?:will|would)\s)"
    r"|(?=(?:an?|the|[A-Z][\w’'.-]*)(?:\s+[\w’'.-]+){0,3}\s+"
    r"(?:will|would|is\s+to|are\s+to|agreed\s+to|was\s+asked\s+to)"
    r"\s+(?:also\s+)?(?:be\s+)?[a-z]+))"
)


def tasks_in(sentence: str, who: str = "") -> list[Finding]:
    """The actions of a sentence: one, or each of the tasks it joins with "and" ("the Council
    will fit a bin and a volunteer will be approached to empty it")."""
    parts = [p.strip() for p in SECOND_TASK.split(sentence) if p.strip()]
    if len(parts) >= 2:
        found = [action_in(part, who) for part in parts]
        if all(found):
            return [
                Finding("action", part.rstrip("."), f.owner, f.confidence, f.evidence)
                for part, f in zip(parts, found, strict=True)
            ]
    one = action_in(sentence, who)
    return [one] if one else []


def _action_in(sentence: str) -> Finding | None:
    text = sentence.strip().rstrip()
    text = re.sub(r"^(?:It\s+was\s+(?:agreed|resolved|decided)\s+that\s+)", "", text, flags=re.I)
    # "The Clerk, with help from the chair, will write": the aside is not the task.
    shape = ACTION_SHAPE.match(ASIDE.sub(r"\g<owner> ", text))
    if shape:
        owner = shape.group("owner").strip()
        verb = shape.group("verb").lower()
        first = owner.split()[0] if owner.split() else ""
        if shape.group("how").startswith("agreed") and re.fullmatch(BODY, owner, re.I):
            return None  # "The Board agreed to …" is the body's decision, not someone's task
        if verb == "be" and re.match(r"^\s+[a-z]+ing\b", shape.group("rest")):
            verb = shape.group("rest").split()[0]  # "will be watching the videos": a task
        carried_on = re.match(r"^\s+to\s+([a-z]+)\b", shape.group("rest"))
        if verb == "continue" and carried_on:
            verb = carried_on.group(1)  # "will continue to chase the contractor": a task
        if (
            verb not in NOT_TASK_VERBS
            and not NOT_OWNERS.match(owner)
            and not re.match(r"^(?:The|A|An|This|That|These|Those|There|It)$", owner)
            and not (first in ("The", "A", "An") and not re.search(ROLE, owner, re.I))
        ):
            how = shape.group("how")
            confidence = LIKELY if how != "should" else DOUBTFUL
            evidence = f"“{owner} {how} {verb}” reads as someone taking on a task"
            if how in ("would", "should"):
                confidence = DOUBTFUL
                evidence = f"“{owner} {how} {verb}” may report a task or only an intention"
            return Finding("action", text, _owner(owner), confidence, evidence)
    mid = MID_TASK.search(text)
    if (
        mid
        and mid.start() > 0
        and mid.group("verb") not in NOT_TASK_VERBS
        and not REPORTED_SPEECH.search(text[: mid.start()])
    ):
        evidence = f"“{mid.group('owner')} {mid.group('how')} {mid.group('verb')}” takes on a task"
        return Finding("action", text, _owner(mid.group("owner")), LIKELY, evidence)
    pronoun = PRONOUN_ACTION.match(text)
    if pronoun and pronoun.group("verb") not in NOT_TASK_VERBS:
        return Finding(
            "action",
            text,
            "",
            DOUBTFUL,
            f"“{pronoun.group('owner')}” takes on a task; the minutes say who only before",
        )
    if (
        (PASSIVE_TASK.search(text) or _passive_future(text))
        and not PAST.search(text)
        and len(text.split()) >= 4
    ):
        return Finding("action", text, "", DOUBTFUL, "a task to be done, without saying who")
    return None


PASSIVE_FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to)\s+(?:now\s+|also\s+|then\s+)?(?:by\s+|be\s+)"
    r"(?P<done>[a-z]+ed|[a-z]+en|sent|put|set|made|brought|sought|built|paid|held|told)\b"
)
NOT_TASKS = {
    "held",
    "needed",
    "required",
    "expected",
    "pleased",
    "interested",
    "based",
    "closed",
    "affected",
    "used",
    "delighted",
    "happy",
    "concerned",
    "involved",
    "opened",
    "completed",
    "finished",
    "allowed",
    "permitted",
    "able",
    "given",
    "seen",
    "known",
    "been",
}


# "Consideration will be given to …", "The return to be signed by the Chair and sent …".
TO_BE_DONE = re.compile(
    r"\b(?:consideration|thought|attention)\s+(?:will|would|is\s+to|to)\s+be\s+given\b"
    r"|^(?:The|A|An|This|These|All|Any)\s+(?:[\w’'/-]+\s+){1,5}to\s+be\s+[a-z]+(?:ed|en)\b"
    r"|\b(?:asked|requested|called)\s+for\s+(?:[\w’'/-]+\s+){1,5}to\s+be\s+[a-z]+(?:ed|en)\b",
    re.I,
)


def _passive_future(text: str) -> bool:
    """ "The plan would be presented within ten days", "X would by asked to validate"."""
    if TO_BE_DONE.search(text):
        return True
    found = PASSIVE_FUTURE.search(text)
    return bool(found and found.group("done") not in NOT_TASKS)


def owner_only(text: str) -> str:
    """The owner, when the line names only who is to act."""
    text = text.strip()
    if len(text.split()) > 7 or not OWNER_ONLY.match(text):
        return ""
    if not re.match(r"^[A-Z]", text):
        return ""
    return text.rstrip(".")


def _owner(written: str) -> str:
    written = re.sub(r"^(?:and|but|also|then)\s+", "", written.strip(), flags=re.I)
    role = re.fullmatch(ROLE, written, re.I)
    if role:
        return re.sub(r"^the\s+", "", written, flags=re.I)
    return written


# --- Decisions -----------------------------------------------------------------------------

BODY = (
    r"(?:the\s+)?(?:(?:parish|town|community|full|district|borough|county|city)\s+)?"
    r"(?:board|committee|council|members|cabinet|panel|sub-committee|meeting|partnership|"
    r"trustees|directors|group|forum|assembly|tac|councillors|supervisors|commission|"
    r"authority|executive|governors)"
)
DECIDED_WORDS = r"(?:agreed|resolved|decided|approved|adopted|determined|voted|endorsed|ratified)"
# "It was AGREED to …", "it was unanimously resolved that …", "The Board agreed …".
AGREED_IN_SENTENCE = re.compile(
    rf"\b(?:it\s+was\s+(?:(?:further|also|then|unanimously|duly)\s+)*{DECIDED_WORDS}\b"
    rf"|{BODY}\s+(?:(?:then|also|unanimously|duly)\s+)*(?:{DECIDED_WORDS}|certified|confirmed)\b"
    rf"|\b(?:was|were)\s+(?:(?:unanimously|duly)\s+)*{DECIDED_WORDS}\s+(?:that|to|by)\b"
    # "The Panel considered the consultation, but agreed that …": the body, then what it agreed.
    rf"|^{BODY}\s[^.;]*?\b(?:and|but)\s+(?:(?:then|also|unanimously)\s+)?{DECIDED_WORDS}\s+(?:that|to)\b"
    rf"|\b{DECIDED_WORDS}\s+(?:unanimously|by\s+(?:all|resolution|consensus))\b)",
    re.I,
)
# A motion with its outcome: "Motion by X, second by Y to … Motion carried."
MOTION = re.compile(
    r"\b(?:motion|proposal|amendment|resolution)\b.*?\b(?:carried|passed|approved|agreed|"
    r"adopted|accepted|failed|lost|defeated)\b"
    r"|^(?:A\s+)?motion\s+(?:was\s+)?(?:made\s+)?by\b"
    r"|\bmade\s+a\s+motion\b|\bmotioned\s+to\b|\bmoved\s+(?:by|that|to)\b",
    re.I,
)
# "proposed by X and seconded by Y", "X proposed … seconded by Y".
PROPOSED_SECONDED = re.compile(
    r"\bproposed\b.*\bseconded\b|\bmoved\b.*\bseconded\b"
    r"|\b(?:moved|proposed|seconded|taken)\s+as\s+(?:a\s+)?(?:correct|true|accurate)\b",
    re.I,
)
# Outcomes in the passive: "was adopted", "were approved", "was appointed", "was elected".
OUTCOME = re.compile(
    r"\b(?:was|were|is|are|be|been)\s+(?:(?:unanimously|duly|formally|then|also)\s+)*"
    r"(?:[a-z]+ed\s+and\s+)?"
    r"(?:adopted|approved|appointed|elected|co-opted|confirmed|accepted|ratified|endorsed|"
    r"carried|agreed|nominated\s+and\s+seconded|re-elected|signed\s+as\s+a\s+(?:true|correct))\b",
    re.I,
)
# A vote recorded: "Votes: 5 for, 2 against", "Janet yea, Dick yea", "+1 from …".
VOTE = re.compile(
    r"\b\d+\s+(?:for|in\s+favour|in\s+favor|votes?\s+for)\b.*\b\d+\s+against\b"
    r"|\b(?:yea|aye|nay)\b.*\b(?:yea|aye|nay)\b|\bunanimous(?:ly)?\s+(?:vote|approval)\b"
    r"|^(?:vote|votes|result)\s*:\s*\S|\bvote\s+(?:passed|carried|failed)\b"
    r"|\b(?:unanimously\s+|all\s+(?:members\s+|councillors\s+)?(?:were\s+)?)in\s+favou?r\b",
    re.I,
)
# A resolution in its own words: "That the minutes be signed", "That the quote be accepted".
RESOLUTION = re.compile(
    r"^[“\"‘']?That\s+.{3,160}?\s+be\s+(?:(?:now|duly|formally)\s+)?"
    r"(?:[a-z]+ed|[a-z]+en|made|set|put|paid|held|sent|sought|bought|built|kept|spent|left)\b"
)
# A short line that is only an outcome: "No objection", "Approved.", "Support, carried".
OUTCOME_LINE = re.compile(
    r"^(?:[\w/.-]+\s*[-–—:]\s*)?(?:no\s+objections?|objection|support(?:ed)?|approved|refused|"
    r"carried|agreed|not\s+supported|deferred|noted\s+and\s+agreed|recommend(?:ed)?\s+approval|"
    r"no\s+(?:observations?|comments?))"
    # "No objections but one comment: …", "No objection, subject to …": the outcome first.
    r"(?:\s*[-–—,]\s*[\w ]{0,60}|\s*,?\s+(?:but|with|subject\s+to)\b.*)?\.?$",
    re.I,
)
NOT_DECIDED = re.compile(
    r"\bno\s+(?:decision|resolution)\b|\bnot\s+(?:agreed|approved|resolved)\b|"
    # A condition in the same clause: "if it is agreed", not "asking if …, it was agreed".
    r"\b(?:if|whether|until)\b[^,;.]*\b(?:agreed|approved)\b",
    re.I,
)


OUTCOME_ONLY = re.compile(
    r"^(?:(?:the|both|all)\s+)?(?:motions?|resolutions?|amendments?|proposals?|vote)?\s*"
    r"(?:was\s+|were\s+)?(?:carried|passed|approved|agreed|adopted|failed|lost|defeated)"
    r"(?:\s+(?:unanimously|by\s+\w+(?:\s+\w+)?))?\s*[.!]?$",
    re.I,
)
# "Gary reports they will …", "The Chair said that she would …": the task inside.
REPORTED = re.compile(
    r"^(?P<who>(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+|(?:The|Our)\s+[A-Z]?[a-z]+)\s+"
    r"(?:reports?|reported|said|stated|noted|explained|advised|confirmed|indicated|"
    r"informed\s+(?:the\s+)?\w+|told\s+(?:the\s+)?\w+)\s+(?:that\s+)?(?P<rest>.+)$"
)


# "… reports the young man who mows the verges will put his details in the box".
REPORTED_FUTURE = re.compile(r"^(?:the|a|an)\s+[^,;]{1,80}?\s+will\s+(?P<verb>[a-z]+)\b", re.I)


def reported_action(sentence: str) -> Finding | None:
    """An action inside a report: "Pat Quinlan reports they will be relaying the path" is a
    task of the one reporting (doubtful: "they" may be others)."""
    said = REPORTED.match(sentence.strip())
    if not said:
        return None
    inner = action_in(said.group("rest"), _owner(said.group("who")))
    if inner is None:
        future = REPORTED_FUTURE.search(said.group("rest"))
        if future is None or future.group("verb") in NOT_TASK_VERBS:
            return None
        evidence = "a task someone will do, in what someone reported"
        return Finding("action", sentence.strip(), "", DOUBTFUL, evidence)
    owner = inner.owner
    if not owner and re.match(r"^(?:he|she|they|we|I)\b", said.group("rest"), re.I):
        owner = _owner(said.group("who"))
    return Finding("action", sentence.strip(), owner, DOUBTFUL, "a task in what someone reported")


# What someone said or reported is theirs, not the meeting's decision: "X informed the Board
# that the LGA Board approved …".
REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|informed|reported|reports|explained|responded|replied|commented|noted|"
    r"stated|told|advised|highlighted|introduced|outlined|suggested|mentioned|felt|believed|"
    r"thought|asked|queried|wondered|understood|heard)\b",
    re.I,
)
# Earlier events and hopes are not this meeting's decisions: "had been appointed", "pleased
# to be appointed", "agreed that there was a need" (an agreement of fact).
EARLIER = re.compile(
    r"\b(?:had|has|have)\s+(?:already\s+)?(?:been\s+)?(?:\w+ly\s+)?(?:agreed|approved|adopted|"
    r"appointed|elected|resolved|decided|confirmed|accepted)\b|\bto\s+be\s+(?:appointed|elected|"
    r"approved|adopted)\b",
    re.I,
)
NOT_THIS_MEETING = re.compile(
    r"\bagreed\b[^.]*\bthat\s+(?:there|it|this|they)\s+(?:was|is|were|are)\b", re.I
)


# "The Director asked how … and it was agreed that …": the agreement is a clause of its own.
NEW_CLAUSE = re.compile(r"(?:[,;]|\band)\s*$")
# "… 22/0456 - supported by the Parish Council.": an application and the body's response
# at the end of its line.
ENDING_OUTCOME = re.compile(
    r"\s[-–—]\s+(?:supported|approved|agreed|refused|not\s+supported|no\s+objections?|"
    rf"objection|deferred)(?:\s+by\s+{BODY})?\.?$",
    re.I,
)


def decision_in(sentence: str) -> Finding | None:
    """A decision, from the sentence's shape: the body agreed or resolved, a motion and its
    outcome, a proposal seconded, something adopted, approved or appointed, a vote."""
    text = sentence.strip()
    if len(text) < 6 or NOT_THIS_MEETING.search(text):
        return None
    found = _decision_shape(text)
    if found is None:
        return None
    earlier = EARLIER.search(text)
    if earlier and earlier.start() <= found[3]:
        # "The budget had been approved": an earlier event. One in a clause after the
        # decision ("it was agreed to wait until both quotes are in") is the condition.
        return None
    said = REPORTED_SPEECH.search(text)
    if said and said.start() < found[1] and not NEW_CLAUSE.search(text[: found[1]]):
        return None  # inside what someone said
    return Finding("decision", text, confidence=found[2], evidence=found[0])


def _decision_shape(text: str) -> tuple[str, int, str, int] | None:
    """(evidence, where the shape starts, confidence, where it ends)."""
    for pattern, evidence, confidence in (
        (AGREED_IN_SENTENCE, "says the body agreed", LIKELY),
        (MOTION, "a motion and its outcome", LIKELY),
        (PROPOSED_SECONDED, "proposed and seconded", LIKELY),
        (OUTCOME, "records something adopted or approved", LIKELY),
        (RESOLUTION, "a resolution: “That … be …”", LIKELY),
        (VOTE, "records a vote", DOUBTFUL),
        (ENDING_OUTCOME, "a line ending with the body's response", LIKELY),
    ):
        found = pattern.search(text)
        if found and not (pattern in (AGREED_IN_SENTENCE, OUTCOME) and NOT_DECIDED.search(text)):
            return evidence, found.start(), confidence, found.end()
    if OUTCOME_LINE.match(text):
        # "22/0456 - No objection": an application's reference and the body's response.
        referenced = re.match(r"^[\w/.-]*\d[\w/.-]*\s*[-–—:]", text)
        return "a line giving an outcome", 0, LIKELY if referenced else DOUBTFUL, len(text)
    return None

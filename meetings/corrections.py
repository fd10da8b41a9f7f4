"""Published notes change only on record: what the register and the declarations of a
meeting say, as plain text, and the one way to change them once the notes are public, which
keeps the text before and after as a correction readers see (NotesCorrection)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.ordering import minutes_order

from .models import Attendance, Meeting, NotesCorrection


def attendance_text(meeting: Meeting) -> str:
    """The register as the notes print it: each status in turn, people in minutes order
    (the chair first, then by surname)."""
    rows = minutes_order(
        meeting.attendance.with_chair_flag().select_related("person", "substitute_for"),
        person=lambda row: row.person,
    )
    lines = []
    for status in Attendance.Status:
        named = [
            str(row.person) + (f" for {row.substitute_for}" if row.substitute_for else "")
            for row in rows
            if row.status == status
        ]
        if named:
            lines.append(f"{status.label}: " + "; ".join(named) + ".")
    return "\n".join(lines)


def declarations_text(meeting: Meeting) -> str:
    """The declarations as the public notes show them: an interest declared on a
    confidential item (or one whose paper is) is not spelt out, so that the correction can
    be shown to everyone."""
    declarations = meeting.declarations.select_related("person", "agenda_item__paper")
    lines = []
    for declaration in declarations.order_by("pk"):
        item = declaration.agenda_item
        if item is None:
            lines.append(f"{declaration.person}: {declaration.interest.strip()}")
            continue
        paper = getattr(item, "paper", None)
        if item.is_confidential or (paper is not None and paper.is_confidential):
            lines.append(f"{declaration.person}: an interest in item {item.number}")
        else:
            lines.append(
                f"{declaration.person}: {declaration.interest.strip()} (item {item.number})"
            )
    return "\n".join(lines) or "No declarations of interest."


RECORD_TEXT = {
    NotesCorrection.Part.ATTENDANCE: attendance_text,
    NotesCorrection.Part.DECLARATIONS: declarations_text,
}


@transaction.atomic
def change_published_record(
    *,
    meeting: Meeting,
    part: str,
    change: Callable[[], object],
    reason: str = "",
    agreed_at: Meeting | None = None,
    by=None,
) -> NotesCorrection | None:
    """Make change() to the meeting's register or declarations (part). While the notes are a
    draft that is all; once they are published, a change that alters what the notes say is
    kept as a correction with its reason and the text before and after, and once they are
    agreed it needs the later meeting that agreed it. Raises ValidationError (keyed "reason"
    or "agreed_at"), with nothing changed, when what it needs is missing. Returns the
    correction made, if any."""
    if not meeting.notes_are_public:
        change()
        return None
    text = RECORD_TEXT[part]
    before = text(meeting)
    change()
    after = text(meeting)
    if before == after:
        return None
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are correcting the published notes"})
    if meeting.notes_are_locked and agreed_at is None:
        raise ValidationError({"agreed_at": "Choose the meeting that agreed the correction"})
    correction = NotesCorrection(
        meeting=meeting,
        part=part,
        reason=reason.strip(),
        before=before,
        after=after,
        agreed_at=agreed_at,
        made_by=by if by is not None and by.is_authenticated else None,
    )
    correction.full_clean()
    correction.save()
    return correction

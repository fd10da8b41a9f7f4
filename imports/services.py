"""Importing one file: read it, parse it, check that accepting would work, and keep it as a
draft. Accepting and discarding a draft. Each file is one transaction: a file that cannot be
read fully leaves nothing behind."""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from boards.models import Board

from .accepting import ImportLoader
from .common import Budget, DocumentError, OverBudget, from_json, numbered, to_json
from .kinds import PARSERS, recognise
from .models import ImportedDocument
from .people import match_people
from .reading import Limits, UnreadableDocument, read_lines


class ImportFailed(Exception):
    """Why a file cannot be imported (or a draft accepted), in words for the person."""


@dataclass
class Options:
    kind: str = ""
    meeting_date: datetime.date | None = None
    item_number: str = ""


@dataclass
class Reading:
    kind: str
    source_text: str
    data: dict
    warnings: list[str] = field(default_factory=list)
    would_create: list[str] = field(default_factory=list)


def read(board: Board, file_name: str, content: bytes, options: Options) -> Reading:
    """Everything short of saving: the records read, and what accepting them would do."""
    limits = Limits.from_settings()
    try:
        with Budget.started(limits.seconds):
            raw = read_lines(file_name, content, limits)
            lines = numbered(raw)
            kind = options.kind or recognise(lines)
            parsed = PARSERS[kind](
                lines,
                board,
                meeting_date=options.meeting_date,
                item_number=options.item_number,
                file_name=file_name,
            )
            check_records(parsed.data)
            match_people(parsed, board)
            reading = Reading(kind, "\n".join(raw), to_json(parsed.data), parsed.warnings)
            reading.would_create = trial(board, reading.data)
    except (UnreadableDocument, DocumentError, OverBudget) as error:
        raise ImportFailed(str(error)) from None
    except RecursionError:
        raise ImportFailed("The file is nested too deeply to read") from None
    return reading


def check_records(data: dict) -> None:
    """Refuse a file naming more records than one import takes: each is saved on trial."""
    count = 0
    for value in data.values():
        for entry in value if isinstance(value, list) else [value]:
            count += 1
            if isinstance(entry, dict):
                count += sum(len(v) for v in entry.values() if isinstance(v, list))
    limit = settings.IMPORT_MAX_RECORDS
    if count > limit:
        raise ImportFailed(
            f"The file holds more than {limit:,} records (items, decisions, actions, people and "
            "the rest), more than one import takes: split it"
        )


class _Undo(Exception):
    pass


def trial(board: Board, data: dict) -> list[str]:
    """What accepting would create, found by doing it and undoing it: the model checks run,
    so a record that would not save is reported now, with the part of the file it came from."""
    loader = ImportLoader(board)
    try:
        with transaction.atomic():
            loader.load(from_json(data))
            raise _Undo
    except _Undo:
        return _what_changed(loader)
    except ValidationError as error:
        raise ImportFailed(" ".join(error.messages)) from None


def _what_changed(loader: ImportLoader) -> list[str]:
    nothing = ["Nothing new: everything in it is already recorded."]
    return (loader.summary.lines() or nothing) + loader.notes


def fingerprint(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def import_file(
    board: Board, file_name: str, content: bytes, options: Options, user=None
) -> tuple[ImportedDocument, bool]:
    """The draft for this file, and whether it is new. The same file again (same SHA-256)
    gives the draft already made, unless that was discarded, when it is read afresh."""
    sha = fingerprint(content)
    existing = ImportedDocument.objects.filter(board=board, sha256=sha).first()
    if existing and existing.status != ImportedDocument.Status.DISCARDED:
        return existing, False
    reading = read(board, file_name, content, options)
    document = existing or ImportedDocument(board=board, sha256=sha)
    document.kind = reading.kind
    document.original_name = file_name[:255]
    document.source_text = reading.source_text
    document.parsed = reading.data
    document.would_create = reading.would_create
    document.warnings = reading.warnings
    document.status = ImportedDocument.Status.DRAFT
    document.uploaded_by = user if user and user.is_authenticated else None
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # Someone imported the same file at the same moment: theirs is the draft.
        return ImportedDocument.objects.get(board=board, sha256=sha), False
    return document, True


def accept(document: ImportedDocument) -> list[str]:
    """Create the records, all or none. Returns what was created."""
    with transaction.atomic():
        locked = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != ImportedDocument.Status.DRAFT:
            raise ImportFailed(f"This import is already {locked.get_status_display().lower()}.")
        loader = ImportLoader(locked.board)
        try:
            loader.load(from_json(locked.parsed))
        except ValidationError as error:
            transaction.set_rollback(True)
            raise ImportFailed(" ".join(error.messages)) from None
        locked.status = ImportedDocument.Status.ACCEPTED
        locked.accepted_at = timezone.now()
        locked.would_create = _what_changed(loader)
        locked.save()
    document.refresh_from_db()
    return locked.would_create


def correct(document: ImportedDocument, data: dict, count: int = 1) -> None:
    """Keep a clerk's corrections to a draft, once a trial shows they would save; `count` is
    how many fields they changed, added to the document's corrections."""
    with transaction.atomic():
        locked = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != ImportedDocument.Status.DRAFT:
            raise ImportFailed(f"This import is already {locked.get_status_display().lower()}.")
        # An owner typed as the name of someone the document names is that person (the
        # loader looks owners up by name); anything else is kept as a team.
        locked.would_create = trial(locked.board, data)
        locked.parsed = data
        locked.corrections += count
        locked.save(update_fields=["parsed", "would_create", "corrections", "modified"])
    document.refresh_from_db()


def discard(document: ImportedDocument) -> None:
    if document.status != ImportedDocument.Status.DRAFT:
        raise ImportFailed(f"This import is already {document.get_status_display().lower()}.")
    document.status = ImportedDocument.Status.DISCARDED
    document.save(update_fields=["status", "modified"])

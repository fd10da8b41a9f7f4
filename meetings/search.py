"""One search box over the records: meetings, agenda items and papers (their fields and the
words of their files), notes, decisions, actions, activities and progress updates.

On PostgreSQL: full-text search with English stemming, ranked, with highlighted snippets.
On SQLite (development): every word must appear somewhere in the record; snippets are cut
around the first match. Either way, only what the reader may read is searched.
"""

import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import Expression, F, Model, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat

from boards.access import Reader
from workplan.models import Activity, ProgressUpdate

from .models import Action, AgendaItem, Decision, Meeting, Paper, PaperFile

# Marks the matched words in PostgreSQL's snippets; control characters cannot come from a form.
START, STOP = "\x02", "\x03"
SNIPPET_CHARS = 240
# On PostgreSQL, results are ranked among this many of the latest matches of each kind (fewer
# for the overview, which shows the top few of every kind).
RANKED_MATCHES = 200
RANKED_MATCHES_OVERVIEW = 40
NEWEST_WINDOW, OLDER_WINDOW = 1_000, 8_000  # records walked newest first (latest_matches)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    fields: tuple[str, ...]
    queryset: Callable[[Reader], QuerySet]
    title: Callable
    url: Callable
    context: Callable
    # The stored search document of these fields on PostgreSQL (boards/search_columns.py).
    column: str = "search_document"
    # Short records (a sentence or two): latest_matches walks the next few thousand after the
    # newest by key as well, which stops once enough match and costs little when none do.
    # Through the GIN index a common word reads every match in the table: "community safety"
    # in 240,000 progress updates at scale XL, 94 ms, each time the newest thousand hold too
    # few (as when officers post many updates without it), against 1.3 ms walked.
    walk_older: bool = False

    @cached_property
    def model(self) -> type[Model]:
        """The table searched: its queryset's model, found once a process."""
        return self.queryset(Reader()).model


class StoredDocument(Expression):
    """A PostgreSQL-only generated tsvector column of the query's main table."""

    output_field = SearchVectorField()

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


@dataclass
class Result:
    kind: Kind
    title: str
    url: str
    context: str
    snippet: list[tuple[str, bool]]


def _item_context(item) -> str:
    return str(item.meeting)


KINDS = [
    Kind(
        "activities",
        "Activities",
        ("title", "description"),
        lambda reader: Activity.objects.select_related(
            "theme__programme__board", "theme__programme__year"
        ),
        lambda a: a.title,
        lambda a: a.get_absolute_url(),
        lambda a: (
            f"{a.theme.programme.board.short_name or a.theme.programme.board} work programme {a.theme.programme.year}"
        ),
    ),
    Kind(
        "updates",
        "Progress updates",
        ("text",),
        lambda reader: ProgressUpdate.objects.select_related(
            "activity__theme__programme__board", "activity__theme__programme__year"
        ),
        lambda u: f"Update on: {u.activity.title}",
        lambda u: f"{u.activity.get_absolute_url()}#update-{u.pk}",
        lambda u: f"{u.date:%-d %B %Y}",
        walk_older=True,
    ),
    Kind(
        "items",
        "Agenda items",
        ("title",),
        lambda reader: AgendaItem.objects.readable_in_full_by(reader).select_related(
            "meeting__board"
        ),
        lambda i: f"{i.number} {i.title}",
        lambda i: i.get_absolute_url(),
        _item_context,
    ),
    Kind(
        "papers",
        "Papers",
        ("title", "summary", "recommendation", "body"),
        lambda reader: Paper.objects.visible_to(reader).select_related(
            "agenda_item__meeting__board"
        ),
        lambda p: p.title,
        lambda p: p.agenda_item.get_absolute_url(),
        lambda p: (
            f"{p.get_purpose_display()}: {p.agenda_item.meeting}, item {p.agenda_item.number}"
        ),
    ),
    Kind(
        "files",
        "Papers' files",
        ("title", "text"),
        # The words of the files in use, of those the reader may download.
        lambda reader: (
            PaperFile.objects.current()
            .visible_to(reader)
            .select_related("agenda_item__meeting__board")
        ),
        lambda f: f.title,
        lambda f: f.agenda_item.get_absolute_url(),
        lambda f: (
            f"{f.type_label} {f.get_role_display().lower()}: {f.agenda_item.meeting}, "
            f"item {f.agenda_item.number}"
        ),
    ),
    Kind(
        "notes",
        "Meeting notes",
        ("introduction", "discussion_points"),
        lambda reader: AgendaItem.objects.notes_readable_by(reader).select_related(
            "meeting__board"
        ),
        lambda i: f"{i.number} {i.title}",
        lambda i: i.get_absolute_url(),
        _item_context,
        column="notes_search_document",
    ),
    Kind(
        "decisions",
        "Decisions",
        ("text",),
        lambda reader: Decision.objects.visible_to(reader).select_related(
            "agenda_item__meeting__board"
        ),
        lambda d: f"Decision on {d.agenda_item.number} {d.agenda_item.title}",
        lambda d: d.agenda_item.get_absolute_url(),
        lambda d: str(d.agenda_item.meeting),
        walk_older=True,
    ),
    Kind(
        "actions",
        "Actions",
        ("text", "owner_team", "closing_note"),
        lambda reader: Action.objects.visible_to(reader).select_related(
            "agenda_item__meeting__board"
        ),
        lambda a: f"Action from {a.agenda_item.number} {a.agenda_item.title}",
        lambda a: a.agenda_item.get_absolute_url(),
        lambda a: f"{a.agenda_item.meeting} – {a.get_status_display()}",
        walk_older=True,
    ),
    Kind(
        "meetings",
        "Meetings",
        ("venue",),
        lambda reader: Meeting.objects.select_related("board"),
        lambda m: str(m),
        lambda m: m.get_absolute_url(),
        lambda m: m.venue,
    ),
]
# Each kind searches columns of one table only, so that on PostgreSQL every search uses the
# GIN index of the same expression (see the search-index migrations).
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def planned_for_the_words():
    """Searches made inside are planned for the words searched. A query the app runs again and
    again is prepared after its fifth run on a connection (config/settings.py), and then
    PostgreSQL may plan it once for any words: not knowing how common they are, that plan
    read every match through the GIN index, 14 to 45 ms for the progress updates at scale XL
    whatever the words, against 1 to 3 ms planned for them. One statement more, on
    PostgreSQL only, for the transaction the searches run in."""
    if not uses_full_text():
        yield
        return
    # No savepoint inside a transaction already open: nothing here writes.
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield


def newest_keys(kinds: list[Kind]) -> dict[type[Model], int]:
    """The newest key of each kind's table, all in one query, for latest_matches to count
    its windows back from. As a number rather than a subquery of each window, PostgreSQL
    plans each window for the keys it holds: on its key's index where a common word has many
    matches among the newest. Empty on SQLite, which has no windows."""
    if not uses_full_text():
        return {}
    models = list(dict.fromkeys(kind.model for kind in kinds))
    quote = connection.ops.quote_name
    newest = ", ".join(
        f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)})"
        for model in models
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {newest}")
        return dict(zip(models, (key or 0 for key in cursor.fetchone()), strict=True))


def search(
    kind: Kind,
    reader: Reader,
    terms: str,
    ranked: int = RANKED_MATCHES,
    newest: dict[type[Model], int] | None = None,
) -> QuerySet:
    """Matching records of one kind, best first, each with a `snippet_text` to show. `newest`
    is newest_keys() of this kind and maybe others, read here when not given."""
    queryset = kind.queryset(reader)
    document = Concat(
        *[
            part
            for f in kind.fields
            # TextField and CharField mixed: say the type, or PostgreSQL cannot compile it.
            for part in (Coalesce(F(f), Value(""), output_field=TextField()), Value(" "))
        ],
        output_field=TextField(),
    )
    if uses_full_text():
        query = SearchQuery(terms, config="english", search_type="websearch")
        newest = newest or newest_keys([kind])
        candidates = latest_matches(
            queryset,
            StoredDocument(kind.column),
            query,
            ranked,
            newest=newest[kind.model],
            walk_older=kind.walk_older,
        )
        return (
            kind.queryset(reader)
            .filter(pk__in=candidates)
            .annotate(
                rank=SearchRank(StoredDocument(kind.column), query),
                snippet_text=SearchHeadline(
                    document,
                    query,
                    config="english",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank", "-pk")
        )
    if not words(terms):  # only punctuation: PostgreSQL finds nothing either
        return queryset.none()
    condition = Q()
    for word in words(terms):
        condition &= Q(*[Q(**{f"{f}__icontains": word}) for f in kind.fields], _connector=Q.OR)
    return queryset.filter(condition).annotate(snippet_text=document).order_by("-pk")


def latest_matches(
    queryset: QuerySet,
    vector: StoredDocument,
    query,
    count: int,
    *,
    newest: int,
    walk_older: bool = False,
) -> QuerySet:
    """The keys of about the latest `count` matches: ranking among them keeps common words fast.

    Finding the latest matches of a common word through the GIN index alone means reading
    every match (22,000 rows for "council" at scale L) to sort them; walking the primary key
    backwards stops after `count` matches but reads the whole table for a rare word. So: walk
    the newest records; then look among the next few thousand, and only then the rest, through
    the GIN index. PostgreSQL runs the parts of a UNION ALL in order and stops once it has
    `count` rows, so the work stays bounded whatever the word and however large the table.
    With walk_older (Kind.walk_older), the next few thousand are walked by key too.
    """
    recent, older = newest - NEWEST_WINDOW, newest - NEWEST_WINDOW - OLDER_WINDOW
    matches = queryset.annotate(search=vector, key=F("pk") * 1).filter(search=query)
    # Ordering by an expression, not the key itself, keeps PostgreSQL on the GIN index (with
    # the key's own index for the range) instead of walking the key's index row by row.
    parts = [
        matches.filter(pk__gt=recent).order_by("-pk"),
        # One bound on the key and one on the expression: with both on the key PostgreSQL
        # takes the range for a handful of rows and walks it, as walk_older asks.
        matches.filter(pk__gt=older, pk__lte=recent).order_by("-pk")
        if walk_older
        else matches.filter(pk__gt=older, key__lte=recent).order_by("-key"),
        matches.filter(key__lte=older).order_by("-key"),
    ]
    parts = [part.values("pk")[:count] for part in parts]
    return parts[0].union(*parts[1:], all=True)[:count]


def words(terms: str) -> list[str]:
    return [w for w in re.split(r"\W+", terms) if w][:20]


def result(kind: Kind, obj, terms: str) -> Result:
    return Result(
        kind=kind,
        title=kind.title(obj),
        url=kind.url(obj),
        context=kind.context(obj),
        snippet=snippet(obj.snippet_text, terms),
    )


def snippet(text: str, terms: str) -> list[tuple[str, bool]]:
    """The snippet as (text, is_match) parts, for the template to mark up and escape."""
    if START in text:
        parts = []
        for i, piece in enumerate(re.split(f"[{START}{STOP}]", text)):
            if piece:
                parts.append((piece, i % 2 == 1))
        return parts
    pattern = "|".join(re.escape(w) for w in words(terms))
    if not pattern:
        return [(text[:SNIPPET_CHARS], False)]
    first = re.search(pattern, text, flags=re.IGNORECASE)
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    window = text[start : start + SNIPPET_CHARS]
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_CHARS < len(text) else ""
    parts = []
    last = 0
    for match in re.finditer(pattern, window, flags=re.IGNORECASE):
        parts.append((window[last : match.start()], False))
        parts.append((match.group(0), True))
        last = match.end()
    parts.append((window[last:], False))
    parts[0] = (prefix + parts[0][0], False)
    parts[-1] = (parts[-1][0] + suffix, parts[-1][1])
    return [(t, m) for t, m in parts if t]

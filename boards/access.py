"""Who may read what: everything public, plus confidential items and draft notes of the
boards a person works on or sits on."""

from dataclasses import dataclass, field

from django.db.models import Q


@dataclass(frozen=True)
class Reader:
    """The boards whose confidential items and draft notes a visitor may read."""

    all_boards: bool = False
    board_ids: frozenset[int] = field(default_factory=frozenset)

    def can_see_restricted(self, board_id: int) -> bool:
        return self.all_boards or board_id in self.board_ids

    def boards_q(self, board_path: str) -> Q:
        """Matches rows on boards this reader has full access to (board_path ends in board)."""
        if self.all_boards:
            return ~Q(pk__in=[])
        return (
            Q(**{f"{board_path}_id__in": sorted(self.board_ids)})
            if self.board_ids
            else Q(pk__in=[])
        )


PUBLIC = Reader()


def reader_for(user) -> Reader:
    if not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return Reader(all_boards=True)
    return Reader(board_ids=frozenset(_board_ids_with_access(user)))


def _board_ids_with_access(user) -> set[int]:
    # Board-scoped roles arrive with sign-in and roles; until a user holds one, they read
    # what the public reads.
    return set()

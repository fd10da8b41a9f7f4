"""Who may read and change what.

Reading: everything public, plus confidential items and draft notes of the boards a person
holds a role on. Changing: policy officers edit their board's programmes, clerks record their
board's meetings, board members change nothing; administrators (superusers) do everything.
Every view that changes data checks through the helpers here, on the server.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from .models import Board, BoardRole


@dataclass(frozen=True)
class Reader:
    """The boards whose confidential items and draft notes a visitor may read. What that
    lets them see is decided in one place, meetings/querysets.py."""

    all_boards: bool = False
    board_ids: frozenset[int] = field(default_factory=frozenset)

    def boards_q(self, board_path: str) -> Q:
        """Matches rows on boards this reader has full access to (board_path ends in board)."""
        if self.all_boards:
            return ~Q(pk__in=[])
        if not self.board_ids:
            return Q(pk__in=[])
        return Q(**{f"{board_path}_id__in": sorted(self.board_ids)})


PUBLIC = Reader()


def _roles(user) -> dict[int, set[str]]:
    """The user's roles by board, read once per request (the user object lives that long),
    unless signing in read them with the user (backends.ModelBackendWithRoles)."""
    # getattr, not __dict__: request.user is a lazy wrapper around the user signing in read.
    cached = getattr(user, "_board_roles", None)
    if cached is None:
        # No ordering: the model's default joins the user and the board for nothing.
        roles = BoardRole.objects.filter(user=user).order_by().values_list("board_id", "role")
        cached = remember_roles(user, roles)
    return cached


def remember_roles(user, roles) -> dict[int, set[str]]:
    """Keep the user's (board id, role) pairs on the user object for this request."""
    by_board: dict[int, set[str]] = {}
    for board_id, role in roles:
        by_board.setdefault(board_id, set()).add(role)
    user.__dict__["_board_roles"] = by_board
    return by_board


def reader_for(user) -> Reader:
    if not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return Reader(all_boards=True)
    return Reader(board_ids=frozenset(_roles(user)))


def roles_on(user, board: Board) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return _roles(user).get(board.pk, set())


def can_edit_programme(user, board: Board) -> bool:
    return user.is_active and (
        user.is_superuser or BoardRole.Role.POLICY_OFFICER in roles_on(user, board)
    )


def can_record_meetings(user, board: Board) -> bool:
    return user.is_active and (user.is_superuser or BoardRole.Role.CLERK in roles_on(user, board))


def can_comment_on_reports(user, board: Board) -> bool:
    """Board members comment on the report versions sent to their board."""
    return user.is_active and (
        user.is_superuser or BoardRole.Role.BOARD_MEMBER in roles_on(user, board)
    )


def is_staff_for(user, board: Board) -> bool:
    """Officers, clerks and administrators see the change history of the board's records."""
    return user.is_active and (
        user.is_superuser
        or bool(roles_on(user, board) & {BoardRole.Role.POLICY_OFFICER, BoardRole.Role.CLERK})
    )


def require(request: HttpRequest, board: Board, allowed) -> None:
    """Stop a signed-in user who may not change this board's records (views that change data
    are also behind login_required, which sends anonymous visitors to sign in).

    Someone who works with this board but may not make this change (a board member, say)
    gets 403; anyone else gets 404, so the page does not even admit that a draft exists.
    """
    user = request.user
    if allowed(user, board):
        return
    if roles_on(user, board):
        raise PermissionDenied("Your role on this board does not allow this change.")
    raise Http404("Not found")

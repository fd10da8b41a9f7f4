"""Signing in: Django's own password check, with the board roles read alongside the user."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from .access import remember_roles
from .models import BoardRole


class ModelBackendWithRoles(ModelBackend):
    """Every signed-in page needs the user and their board roles (to decide what they may see
    and change). Reading both in one query, a row per role, saves a round trip to the database
    on every page a signed-in person opens."""

    def get_user(self, user_id):
        rows = list(get_user_model()._default_manager.raw(user_with_roles_sql(), [user_id]))
        if not rows:
            return None
        user = rows[0]
        remember_roles(
            user, [(row.role_board_id, row.board_role) for row in rows if row.board_role]
        )
        return user if self.user_can_authenticate(user) else None


@functools.cache
def user_with_roles_sql() -> str:
    """The user, once per role they hold (or once with no role). Written out rather than built
    by the ORM: it runs on every signed-in page, and building it took longer than the
    database took to answer."""
    User = get_user_model()
    quote = connection.ops.quote_name
    users, roles = quote(User._meta.db_table), quote(BoardRole._meta.db_table)
    # The user's columns by name, not *: a prepared query (see DATABASES in settings) must
    # keep its columns when a migration adds one.
    columns = ", ".join(f"{users}.{quote(field.column)}" for field in User._meta.concrete_fields)
    return (
        f"SELECT {columns}, {roles}.board_id AS role_board_id, {roles}.role AS board_role"
        f" FROM {users} LEFT OUTER JOIN {roles} ON {roles}.user_id = {users}.id"
        f" WHERE {users}.id = %s"
    )

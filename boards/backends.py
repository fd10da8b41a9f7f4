"""Signing in: Django's own password check, with the board roles read alongside the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .access import remember_roles


class ModelBackendWithRoles(ModelBackend):
    """Every signed-in page needs the user and their board roles (to decide what they may see
    and change). Reading both in one query, a row per role, saves a round trip to the database
    on every page a signed-in person opens."""

    def get_user(self, user_id):
        User = get_user_model()
        fields = [field.attname for field in User._meta.concrete_fields]
        rows = list(
            User._default_manager.filter(pk=user_id).values_list(
                *fields, "board_roles__board_id", "board_roles__role"
            )
        )
        if not rows:
            return None
        user = User.from_db(User._default_manager.db, fields, rows[0][: len(fields)])
        remember_roles(user, [row[-2:] for row in rows if row[-2] is not None])
        return user if self.user_can_authenticate(user) else None

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "change-me-dev-only"


class Command(BaseCommand):
    help = "Create (or reset) the development administrator account and print its credentials."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("The development admin account is only for DEBUG mode.")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.invalid"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} development admin: username {USERNAME!r}, password {PASSWORD!r} "
                "(sign in at http://127.0.0.1:8000/admin/)"
            )
        )

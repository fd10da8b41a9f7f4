from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "change-me-dev-only"


class Command(BaseCommand):
    help = "Create (or reset) the development administrator account and print its credentials."

    def add_arguments(self, parser) -> None:
        # `make run` passes its HOST and PORT, so the address printed is the one served.
        parser.add_argument("--host", default="127.0.0.1", help="Where runserver listens.")
        parser.add_argument("--port", type=int, default=8000, help="The port runserver uses.")

    def handle(self, *args, host: str, port: int, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("The development admin account is only for DEBUG mode.")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.invalid"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        verb = "Created" if created else "Reset"
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address in a URL
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} development admin: username {USERNAME!r}, password {PASSWORD!r} "
                f"(sign in at http://{host}:{port}/admin/)"
            )
        )
        # The demo's example board has a sign-in for each role; its command (in seed_data,
        # above this app) gives them the same development password.
        call_command("create_dev_sign_ins", host=host.strip("[]"), port=port, stdout=self.stdout)

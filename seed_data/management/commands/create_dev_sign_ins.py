from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from boards.management.commands.create_dev_admin import PASSWORD
from seed_data.example_board import SIGN_INS


class Command(BaseCommand):
    help = (
        "Give the example board's sign-ins (a clerk, a policy officer and a board member, made "
        "by load_demo) the development password and print them. create_dev_admin runs it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Where runserver listens.")
        parser.add_argument("--port", type=int, default=8000, help="The port runserver uses.")

    def handle(self, *args, host: str, port: int, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("The development sign-ins are only for DEBUG mode.")
        users = get_user_model().objects.in_bulk(
            [username for username, _, _ in SIGN_INS], field_name="username"
        )
        if not users:
            self.stdout.write("No example board sign-ins: load the demo first (make demo).")
            return
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address in a URL
        lines = []
        for username, role, name in SIGN_INS:
            user = users.get(username)
            if user is None:
                continue
            # Only here, in development, does an example sign-in get a usable password.
            user.is_active = True
            user.set_password(PASSWORD)
            user.save(update_fields=["is_active", "password"])
            lines.append(f"  {role.label.lower()} ({name}): username {username!r}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Example board sign-ins, password {PASSWORD!r} "
                f"(sign in at http://{host}:{port}/accounts/login/):"
            )
        )
        for line in lines:
            self.stdout.write(line)

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from regiodeal.api.models import ApiToken
from regiodeal.core.permissions import may_edit_decisions


class Command(BaseCommand):
    help = "Issue an API token for an account of the programme office; prints the key once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username}.")
        allowed = may_edit_decisions(user)
        if not allowed:
            raise CommandError(str(allowed.reason))
        _token, key = ApiToken.issue(user, name=name)
        self.stdout.write(key)

import getpass
import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from adminapi.registration import RegistrationFailed, register
from tokens.backends import qualified_username


class Command(BaseCommand):
    help = (
        "Register the middle tier's OAuth client at WSO2 (Dynamic Client "
        "Registration) and print the .env lines with its id and secret."
    )
    # The command exists to obtain WSO2_CLIENT_ID and WSO2_CLIENT_SECRET, so
    # the checks that demand them must not stop it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            help="The WSO2 admin who will own the client "
            "(default: WSO2_ADMIN_USERNAME).",
        )
        parser.add_argument(
            "--password",
            help="That admin's password (default: WSO2_ADMIN_PASSWORD, else asked "
            "for at the terminal).",
        )
        parser.add_argument(
            "--client-name",
            default="store_middle_tier",
            help="The client's name at WSO2 (default: %(default)s).",
        )
        parser.add_argument(
            "--callback-url",
            default="https://localhost/",
            help="The callback URL WSO2 requires; the password and refresh-token "
            "grants never use it (default: %(default)s).",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the id and secret as JSON."
        )

    def handle(self, *, username, password, client_name, callback_url, **options):
        if not settings.WSO2_DCR_URL:
            raise CommandError(
                "WSO2_DCR_URL is not set: set it to WSO2's client registration "
                "endpoint, e.g. https://gateway.api.cloud.wso2.com/client-registration/"
                "register"
            )
        username = username or settings.WSO2_ADMIN_USERNAME
        if not username:
            raise CommandError("Give --username or set WSO2_ADMIN_USERNAME.")
        try:
            registration = register(
                username=qualified_username(username),
                password=self._password(password),
                client_name=client_name,
                callback_url=callback_url,
            )
        except RegistrationFailed as exc:
            raise CommandError(f"Client registration failed: {exc.message}") from None

        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "clientId": registration.client_id,
                        "clientSecret": registration.client_secret,
                        "clientName": registration.client_name,
                    }
                )
            )
            return
        self.stdout.write(
            f"Registered the OAuth client {registration.client_name} at WSO2.\n"
            "Put these lines into .env; the secret is not shown again:\n\n"
            f"WSO2_CLIENT_ID={registration.client_id}\n"
            f"WSO2_CLIENT_SECRET={registration.client_secret}"
        )

    def _password(self, given):
        password = given or settings.WSO2_ADMIN_PASSWORD
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError("Give --password or set WSO2_ADMIN_PASSWORD.")
        password = getpass.getpass("WSO2 admin password: ")
        if not password:
            raise CommandError("No password given.")
        return password

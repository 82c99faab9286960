from django.core.management.base import BaseCommand

from tokens import crypto
from tokens.management.options import positive_int
from tokens.models import StoredToken


class Command(BaseCommand):
    help = "Re-encrypt every stored token with the first of TOKEN_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=positive_int, default=500, help="Rows read per query."
        )

    def handle(self, *, batch_size, **options):
        total = StoredToken.objects.count()
        done = 0
        unreadable = 0
        last_pk = 0
        # Walking by primary key keeps memory flat on large tables, and a row
        # re-encrypted twice is still correct, so a run can be repeated.
        while True:
            rows = list(
                StoredToken.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size]
            )
            if not rows:
                break
            for row in rows:
                if not self._reencrypt(row):
                    unreadable += 1
            done += len(rows)
            last_pk = rows[-1].pk
            self.stdout.write(f"Re-encrypted {done} of {total} token(s)")
        summary = f"Re-encrypted {done - unreadable} token(s) with the newest key"
        if unreadable:
            return f"{summary}; {unreadable} could not be decrypted."
        return f"{summary}."

    def _reencrypt(self, row):
        """Re-encrypt one row; tell whether it could be read."""
        try:
            access = crypto.reencrypt(row.access_token_ciphertext)
            refresh = crypto.reencrypt(row.refresh_token_ciphertext)
        except crypto.UnreadableToken:
            # One lost row must not stop the others from moving to the new key.
            self.stderr.write(
                f"Token {row.fingerprint} cannot be decrypted with any of the keys; "
                "it was left as it is."
            )
            return False
        # Only rows whose ciphertext is unchanged are written, so a refresh
        # that lands meanwhile is not overwritten with older tokens.
        StoredToken.objects.filter(
            pk=row.pk,
            access_token_ciphertext=row.access_token_ciphertext,
            refresh_token_ciphertext=row.refresh_token_ciphertext,
        ).update(access_token_ciphertext=access, refresh_token_ciphertext=refresh)
        return True

from django.core.management.base import BaseCommand

from tokens import crypto
from tokens.models import StoredToken


class Command(BaseCommand):
    help = "Re-encrypt every stored token with the first of TOKEN_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows read per query."
        )

    def handle(self, *, batch_size, **options):
        total = StoredToken.objects.count()
        done = 0
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
                self._reencrypt(row)
            done += len(rows)
            last_pk = rows[-1].pk
            self.stdout.write(f"Re-encrypted {done} of {total} token(s)")
        return f"Re-encrypted {done} token(s) with the newest key."

    def _reencrypt(self, row):
        # Only rows whose ciphertext is unchanged are written, so a refresh
        # that lands meanwhile is not overwritten with older tokens.
        StoredToken.objects.filter(
            pk=row.pk,
            access_token_ciphertext=row.access_token_ciphertext,
            refresh_token_ciphertext=row.refresh_token_ciphertext,
        ).update(
            access_token_ciphertext=crypto.reencrypt(row.access_token_ciphertext),
            refresh_token_ciphertext=crypto.reencrypt(row.refresh_token_ciphertext),
        )

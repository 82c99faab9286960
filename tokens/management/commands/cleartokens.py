from django.core.management.base import BaseCommand

from tokens.management.options import positive_int
from tokens.models import StoredToken


class Command(BaseCommand):
    help = "Delete stored tokens whose refresh token or session has expired."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would go; delete nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=positive_int,
            default=500,
            help="Rows deleted per statement.",
        )

    def handle(self, *, dry_run, batch_size, **options):
        dead = StoredToken.objects.dead().order_by("pk")
        if dry_run:
            return f"Would delete {dead.count()} token(s)."

        # Each batch is its own statement, so an interrupted run keeps what
        # it did and the next run carries on with what is left.
        removed = 0
        while True:
            batch = list(dead.values_list("pk", flat=True)[:batch_size])
            if not batch:
                break
            StoredToken.objects.filter(pk__in=batch).delete()
            removed += len(batch)
            self.stdout.write(f"Deleted {removed} token(s) so far")
        return f"Deleted {removed} token(s)."

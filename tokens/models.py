"""The encrypted token store.

One row holds one WSO2 token pair: a subscriber's, tied to the Django session
it was granted for, or the service account's. Token values are stored only
encrypted (`tokens.crypto`); admins see a fingerprint instead.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q
from django.utils import timezone

from wso2.conf import conf

from . import crypto


class TokenQuerySet(models.QuerySet):
    def dead(self):
        """Rows that can never be used again: refresh token over, or no session."""
        now = timezone.now()
        return self.filter(
            Q(refresh_expires_at__lte=now)
            | Q(kind=StoredToken.Kind.SUBSCRIBER, session__isnull=True)
            | Q(kind=StoredToken.Kind.SUBSCRIBER, session__expire_date__lte=now)
        )


class StoredToken(models.Model):
    class Kind(models.TextChoices):
        SUBSCRIBER = "subscriber"
        SERVICE = "service", "service account"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wso2_tokens",
        help_text="The subscriber; empty for the service account.",
    )
    # Deleting a session (logout, clearsessions) deletes its tokens with it.
    session = models.OneToOneField(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    access_token_ciphertext = models.TextField(editable=False)
    refresh_token_ciphertext = models.TextField(editable=False)
    fingerprint = models.CharField(
        max_length=16,
        db_index=True,
        editable=False,
        help_text="The start of the access token's SHA-256; not reversible.",
    )
    scopes = models.TextField(blank=True, help_text="As WSO2 granted them.")
    expires_at = models.DateTimeField(help_text="When the access token expires.")
    refresh_expires_at = models.DateTimeField(db_index=True)
    # Bumped by each refresh; a request that saw an older version knows that
    # someone else has refreshed already.
    version = models.PositiveIntegerField(default=0)
    # Set while one request refreshes; the others wait for it to pass.
    refreshing_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    objects = TokenQuerySet.as_manager()

    class Meta:
        verbose_name = "stored token"
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="service"),
                name="one_service_account_token",
            )
        ]

    def __str__(self):
        owner = self.user or self.get_kind_display()
        return f"{owner} ({self.fingerprint})"

    @property
    def access_token(self):
        return crypto.decrypt(self.access_token_ciphertext)

    @property
    def refresh_token(self):
        return crypto.decrypt(self.refresh_token_ciphertext)

    @property
    def scope_set(self):
        return frozenset(self.scopes.split())

    def needs_refresh(self):
        """Tell whether the access token expires within the refresh margin.

        The margin is at most half the token's life: with a margin as long
        as the life, every call would refresh.
        """
        now = timezone.now()
        issued = self.refreshed_at or self.created_at or now
        margin = min(
            timedelta(seconds=settings.TOKEN_REFRESH_MARGIN),
            (self.expires_at - issued) / 2,
        )
        return now >= self.expires_at - margin

    @property
    def state(self):
        now = timezone.now()
        if self.refresh_expires_at <= now:
            return "dead"
        if self.expires_at <= now:
            return "refresh due"
        return "active"

    def take(self, grant):
        """Hold `grant`'s tokens, encrypted, from now on (without saving)."""
        now = timezone.now()
        self.access_token_ciphertext = crypto.encrypt(grant.access_token)
        self.refresh_token_ciphertext = crypto.encrypt(grant.refresh_token)
        self.fingerprint = crypto.fingerprint(grant.access_token)
        self.scopes = " ".join(grant.scopes)
        self.expires_at = now + timedelta(seconds=grant.expires_in)
        self.refresh_expires_at = now + timedelta(seconds=conf.refresh_token_lifetime)

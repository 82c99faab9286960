"""The audit trail of the Admin API surface.

One row per call a staff member made to WSO2 through /adminapi/: who, when,
what, and what WSO2 answered. Request bodies are not kept: they can hold
data the audit has no business storing, and WSO2 keeps the resulting state.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

PATH_LENGTH = 2048


class AdminCall(models.Model):
    # The user may be deleted later; the username copy keeps the row readable.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    method = models.CharField(max_length=8)
    path = models.CharField(
        max_length=PATH_LENGTH, help_text="As requested, with its query string."
    )
    operation = models.CharField(
        max_length=200,
        help_text="The Admin API operation, as WSO2's definition names it.",
    )
    status = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="WSO2's answer; empty when WSO2 did not answer.",
    )
    request_id = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = "admin API call"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.method} {self.path}"

    @classmethod
    def record(cls, request, operation, status):
        """Write down that `request` reached `operation` and WSO2 answered `status`."""
        user = request.user
        return cls.objects.create(
            user=user,
            username=user.get_username(),
            method=request.method,
            path=request.get_full_path()[:PATH_LENGTH],
            operation=operation.path,
            status=status,
            request_id=request.request_id,
        )

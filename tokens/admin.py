"""Django admin for the token store: who holds what, never a token value."""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone

from .models import StoredToken
from .revocation import revoke_and_delete


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", "active"), ("refresh due", "refresh due"), ("dead", "dead")]

    def queryset(self, request, queryset):
        now = timezone.now()
        live = Q(refresh_expires_at__gt=now)
        if self.value() == "active":
            return queryset.filter(live, expires_at__gt=now)
        if self.value() == "refresh due":
            return queryset.filter(live, expires_at__lte=now)
        if self.value() == "dead":
            return queryset.exclude(live)
        return queryset


@admin.register(StoredToken)
class StoredTokenAdmin(admin.ModelAdmin):
    list_display = [
        "owner",
        "kind",
        "scopes",
        "expires_at",
        "state",
        "refreshed_at",
        "fingerprint",
    ]
    list_filter = ["kind", StateFilter, "expires_at"]
    search_fields = ["user__username", "fingerprint", "scopes"]
    list_select_related = ["user"]
    ordering = ["-created_at"]
    actions = ["revoke_selected"]
    # The ciphertext fields are not editable, so they never reach a form.
    fields = [
        "owner",
        "kind",
        "scopes",
        "expires_at",
        "refresh_expires_at",
        "state",
        "created_at",
        "refreshed_at",
        "fingerprint",
    ]
    readonly_fields = fields

    @admin.display(description="owner", ordering="user__username")
    def owner(self, token):
        return token.user.get_username() if token.user else token.get_kind_display()

    @admin.action(description="Revoke the selected tokens at WSO2 and delete them")
    def revoke_selected(self, request, queryset):
        count = revoke_and_delete(queryset)
        self.message_user(
            request, f"Revoked and deleted {count} token(s).", messages.SUCCESS
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting without telling WSO2 would leave the tokens usable there;
        # the revoke action does both.
        return False

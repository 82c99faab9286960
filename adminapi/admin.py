"""The audit trail in the Django admin: to read and search, never to edit."""

from django.contrib import admin

from .models import AdminCall


class AnswerFilter(admin.SimpleListFilter):
    title = "WSO2 answer"
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        return [
            ("success", "success (1xx-3xx)"),
            ("refused", "refused (4xx)"),
            ("failed", "failed (5xx)"),
            ("none", "no answer"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "success":
            return queryset.filter(status__lt=400)
        if value == "refused":
            return queryset.filter(status__gte=400, status__lt=500)
        if value == "failed":
            return queryset.filter(status__gte=500)
        if value == "none":
            return queryset.filter(status__isnull=True)
        return queryset


@admin.register(AdminCall)
class AdminCallAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "method", "path", "status", "request_id"]
    list_filter = [AnswerFilter, "method", "at"]
    search_fields = ["username", "path", "operation", "request_id"]
    date_hierarchy = "at"
    fields = [
        "at",
        "username",
        "user",
        "method",
        "path",
        "operation",
        "status",
        "request_id",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

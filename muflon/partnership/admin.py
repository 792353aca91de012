"""Admin of partnerships (installation superusers only)."""

from django.contrib import admin

from muflon.partnership.models import Partnership


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "host", "is_default"]
    prepopulated_fields = {"slug": ["name"]}

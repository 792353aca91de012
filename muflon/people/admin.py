"""Admin of the people area's reference data (installation superusers only)."""

from django.contrib import admin

from muflon.people.models import ExclusionCategory


@admin.register(ExclusionCategory)
class ExclusionCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_pl", "legal_basis", "valid_from", "valid_to", "special_category"]
    ordering = ["sort"]

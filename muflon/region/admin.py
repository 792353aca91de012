"""Admin of the reference data (installation superusers only)."""

from django.contrib import admin

from muflon.region.models import Gmina


@admin.register(Gmina)
class GminaAdmin(admin.ModelAdmin):
    list_display = ["terc", "name", "kind", "county_name"]
    search_fields = ["terc", "name"]

"""Admin of users and organisations (installation superusers only)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from muflon.accounts.models import Organisation, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (("Muflon", {"fields": ["partnership", "organisation", "gmina", "phone"]}),)
    list_display = ["username", "first_name", "last_name", "partnership", "is_active"]
    list_filter = ["partnership", "is_active"]
    inlines = [RoleAssignmentInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name"]

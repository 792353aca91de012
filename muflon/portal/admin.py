"""Django's admin for installation superusers; the partnership's staff edit the site at /app/portal/."""

from django.contrib import admin

from muflon.portal import models


@admin.register(models.Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "partnership", "status", "menu_order"]
    list_filter = ["partnership", "status"]
    search_fields = ["title"]


@admin.register(models.NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "status", "publish_at"]
    list_filter = ["partnership", "status"]
    search_fields = ["title"]


@admin.register(models.SuccessStory)
class SuccessStoryAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "status", "publish_at"]
    list_filter = ["partnership", "status"]
    search_fields = ["title"]
    raw_id_fields = ["participant"]


@admin.register(models.LibraryItem)
class LibraryItemAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "category", "visibility", "download_count"]
    list_filter = ["partnership", "category", "visibility"]
    search_fields = ["title"]
    raw_id_fields = ["tags"]

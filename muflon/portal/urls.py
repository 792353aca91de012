"""URLs of the public portal, mounted at the site root: the public site, and its editing under /app/portal/."""

from django.urls import path

from muflon.portal import views, views_staff

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("news/", views.news_list, name="news_list"),
    path("news/feed/", views.news_feed, name="news_feed"),
    path("news/<int:year>/", views.news_archive, name="news_year"),
    path("news/<int:year>/<int:month>/", views.news_archive, name="news_month"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
    path("news/<slug:slug>/image/", views.news_image, name="news_image"),
    path("stories/", views.story_list, name="story_list"),
    path("stories/<slug:slug>/", views.story_detail, name="story_detail"),
    path("stories/<slug:slug>/image/", views.story_image, name="story_image"),
    path("library/", views.library, name="library"),
    path("library/<int:pk>/", views.library_item, name="library_item"),
    path("library/<int:pk>/download/", views.library_download, name="library_download"),
    path("library/<int:pk>/versions/<int:number>/download/", views.library_version, name="library_version"),
    path("search/", views.search, name="search"),
    # Editing, for the partnership's administrators and coordinators.
    path("app/portal/", views_staff.overview, name="staff"),
    path("app/portal/pages/", views_staff.page_list, name="staff_pages"),
    path("app/portal/pages/new/", views_staff.page_create, name="staff_page_create"),
    path("app/portal/pages/<int:pk>/", views_staff.page_edit, name="staff_page_edit"),
    path("app/portal/news/", views_staff.news_list, name="staff_news"),
    path("app/portal/news/new/", views_staff.news_create, name="staff_news_create"),
    path("app/portal/news/<int:pk>/", views_staff.news_edit, name="staff_news_edit"),
    path("app/portal/stories/", views_staff.story_list, name="staff_stories"),
    path("app/portal/stories/new/", views_staff.story_create, name="staff_story_create"),
    path("app/portal/stories/<int:pk>/", views_staff.story_edit, name="staff_story_edit"),
    path("app/portal/library/", views_staff.library_list, name="staff_library"),
    path("app/portal/library/new/", views_staff.library_create, name="staff_library_create"),
    path("app/portal/library/<int:pk>/", views_staff.library_edit, name="staff_library_edit"),
    path("app/portal/library/<int:pk>/versions/new/", views_staff.library_add_version, name="staff_library_version"),
]

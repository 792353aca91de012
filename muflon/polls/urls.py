"""URLs of the public poll, mounted at /poll/: the current poll, a poll's page, the vote, the archive and the
staff's management of polls (administrators and coordinators)."""

from django.urls import path

from muflon.polls import views

app_name = "polls"

urlpatterns = [
    path("", views.current, name="current"),
    path("archive/", views.archive, name="archive"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.create, name="create"),
    path("manage/<int:pk>/", views.edit, name="edit"),
]

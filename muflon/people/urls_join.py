"""URLs of the public sign-up, mounted at /join/."""

from django.urls import path

from muflon.people import views_join

app_name = "join"

urlpatterns = [
    path("", views_join.join, name="form"),
    path("thanks/", views_join.thanks, name="thanks"),
]

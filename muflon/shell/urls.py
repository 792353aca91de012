"""URLs of the project shell: the staff dashboard and the health check."""

from django.urls import path

from muflon.shell import views

app_name = "shell"

urlpatterns = [
    path("app/", views.dashboard, name="dashboard"),
]

"""URLs of the core area."""

from django.urls import path

from muflon.core import views

app_name = "core"

urlpatterns = [
    path("app/audit/", views.audit_log, name="audit_log"),
]

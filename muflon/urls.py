"""The project's URLs: each area mounts its own."""

from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from muflon.accounts.forms import LoginForm
from muflon.core.views import healthz

urlpatterns = [
    path("", include("muflon.shell.urls")),
    path("", include("muflon.core.urls")),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("app/", include("muflon.accounts.urls")),
    path("app/", include("muflon.people.urls")),
    path("app/workshops/", include("muflon.education.urls")),
    path("app/care/", include("muflon.care.urls")),
    path("me/workshops/", include("muflon.education.urls_me")),
    path("me/", include("muflon.people.urls_me")),
    path("", include("muflon.education.urls_public")),
    path("poll/", include("muflon.polls.urls")),
    path("join/", include("muflon.people.urls_join")),
    path("", include("muflon.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

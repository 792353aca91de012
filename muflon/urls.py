"""The project's URLs: each area mounts its own."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LoginView, PasswordChangeDoneView
from django.urls import include, path, reverse_lazy

from muflon.accounts.forms import LoginForm
from muflon.core.views import healthz

urlpatterns = [
    path("", include("muflon.shell.urls")),
    path("", include("muflon.core.urls")),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    # The way back after a new password is the staff start page, which accounts (below the shell) cannot name.
    path(
        "accounts/password_change/done/",
        PasswordChangeDoneView.as_view(extra_context={"home_url": reverse_lazy(settings.LOGIN_REDIRECT_URL)}),
        name="password_change_done",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("app/", include("muflon.accounts.urls")),
    path("app/", include("muflon.people.urls")),
    path("app/workshops/", include("muflon.education.urls")),
    path("app/care/", include("muflon.care.urls")),
    path("app/cooperatives/", include("muflon.cooperatives.urls")),
    path("me/workshops/", include("muflon.education.urls_me")),
    path("me/", include("muflon.people.urls_me")),
    path("", include("muflon.education.urls_public")),
    path("poll/", include("muflon.polls.urls")),
    path("join/", include("muflon.people.urls_join")),
    path("", include("muflon.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

"""Settings for development, the demo and the tests, read from the environment.

Production imports these and hardens them in `muflon.settings_production`.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# A development key: `settings_production` refuses to start with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-muflon-development-only"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str | None) -> dict:
    """One database from DATABASE_URL (or the SQLite file under var/ when unset)."""
    if url is None:
        url = f"sqlite:///{VAR_DIR / 'muflon.sqlite3'}"
    url = url.strip()
    if not url:
        raise ImproperlyConfigured(
            "DATABASE_URL is empty: unset it for the SQLite file under var/, "
            "or give sqlite:////absolute/path.sqlite3 or postgresql://user@host:port/name."
        )
    scheme = url.split(":", 1)[0].lower()
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unsupported scheme {scheme!r}: use sqlite:////absolute/path "
            "or postgresql://user@host:port/name."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return sqlite_database(config["NAME"])
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL names no database: add /name after the host.")
    return config


def sqlite_database(name: str) -> dict:
    if not os.path.isabs(name):
        raise ImproperlyConfigured(
            f"DATABASE_URL must give an absolute SQLite path (sqlite:////path/file.sqlite3), not {name!r}."
        )
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
        # the start of a transaction so that concurrent writers wait instead of failing.
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
        # Tests use a file, not memory, so that threads in concurrency tests share it.
        "TEST": {"NAME": str(Path(name).with_name(Path(name).stem + "-test.sqlite3"))},
    }


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first, so that their templates (registration/*) win over the admin's.
    "muflon.core",
    "muflon.region",
    "muflon.partnership",
    "muflon.accounts",
    "muflon.people",
    "muflon.education",
    "muflon.cooperatives",
    "muflon.care",
    "muflon.portal",
    "muflon.polls",
    "muflon.shell",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "muflon.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the user and the messages, so that its 400 page has the person's menu and language.
    "muflon.core.middleware.NullCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "muflon.core.middleware.AuditContextMiddleware",
    "muflon.core.middleware.BusyDatabaseMiddleware",
    # Axes goes last so that it sees the outcome of the login views.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "muflon.urls"
WSGI_APPLICATION = "muflon.wsgi.application"

# Selects are built in Python (same HTML, a fraction of the time); see muflon/core/widgets.py.
FORM_RENDERER = "muflon.core.widgets.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "muflon.core.navigation.menu",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A job still "running" this long after it started belongs to a worker that died: `task_worker` (at its start and
# every minute) and `recover_tasks` put it back in the queue. Keep it well above the longest task.
MUFLON_TASK_STALE_SECONDS = int(os.environ.get("MUFLON_TASK_STALE_SECONDS", str(10 * 60)))
# A job whose worker died this many times is marked failed instead of being tried again (and listed for the
# partnership's administrator at /app/tasks/).
MUFLON_TASK_MAX_ATTEMPTS = int(os.environ.get("MUFLON_TASK_MAX_ATTEMPTS", "3"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "shell:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# Five failures for one username lock it for a while; a successful login resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Locking by address too would lock out a whole office or library that shares one address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The English interface writes dates and numbers the Polish way too (muflon/formats/en/formats.py).
FORMAT_MODULE_PATH = ["muflon.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def mailers_from_env(default_backend: str) -> dict:
    backend = os.environ.get("DJANGO_EMAIL_BACKEND", default_backend)
    mailer = {"BACKEND": backend}
    if backend.endswith("smtp.EmailBackend"):
        mailer["OPTIONS"] = {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
            "username": os.environ.get("DJANGO_EMAIL_USER", ""),
            "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        }
    return {"default": mailer}


# The demo prints e-mail to the console; production sends it through SMTP.
MAILERS = mailers_from_env("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "muflon@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Public poll and sign-up (polls, people/join): limits against ballot stuffing and spam. ---
# Votes counted per poll from one network address in an hour (an office or a library shares one address).
MUFLON_POLL_VOTES_PER_ADDRESS = int(os.environ.get("MUFLON_POLL_VOTES_PER_ADDRESS", "30"))
# Sign-ups accepted at /join/ from one network address in an hour.
MUFLON_JOIN_SIGNUPS_PER_ADDRESS = int(os.environ.get("MUFLON_JOIN_SIGNUPS_PER_ADDRESS", "5"))
# A sign-up sent sooner than this after the form was shown looks like a bot; an older form has expired.
MUFLON_JOIN_MIN_SECONDS = int(os.environ.get("MUFLON_JOIN_MIN_SECONDS", "3"))
MUFLON_JOIN_MAX_AGE_SECONDS = int(os.environ.get("MUFLON_JOIN_MAX_AGE_SECONDS", str(2 * 60 * 60)))
# Behind a reverse proxy every request comes from the proxy: name the META key of the header it sets with
# the visitor's address (e.g. HTTP_X_FORWARDED_FOR; its last entry is used), or leave empty for REMOTE_ADDR.
MUFLON_CLIENT_ADDRESS_HEADER = os.environ.get("MUFLON_CLIENT_ADDRESS_HEADER", "")

# --- Care (barrier support): confidential notes are encrypted with Fernet keys from MUFLON_FIELD_KEY, a
# comma-separated list whose first key encrypts and all keys decrypt (rotate with `manage.py rotate_field_key`).
# Without the variable (development, demo, tests) a key is made once in var/field.key; production refuses to
# start without it.
MUFLON_FIELD_KEYS = env_list("MUFLON_FIELD_KEY")
MUFLON_FIELD_KEY_FILE = VAR_DIR / "field.key"

# --- Portal (public site): uploaded files, upload limits and the page cache --------------------------------
# Library files and news/story images live outside every URL: there is deliberately no MEDIA_URL, and only the
# portal's views serve them, after checking who asks (staff-only files answer 404 to the public).
PORTAL_FILES_ROOT = Path(os.environ.get("MUFLON_FILES_ROOT") or VAR_DIR / "files")
# The largest library file or image accepted; a bigger one is refused with a message at the field.
PORTAL_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Public pages are kept per partnership site, language and address for anonymous visitors; a new token per
# site (portal.PublicSite) on every content change makes the old copies unreachable, in every worker process.
# The middleware answers from the kept copies before sessions and authentication are set up (see portal.caching).
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "muflon.portal.caching.PublicPageCacheMiddleware",
)
# Database connections are kept between requests on SQLite too, as dj-database-url already does for PostgreSQL:
# opening one (and running its PRAGMAs) took ~1 ms, more than answering from a kept page (bench/portal.py).
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "portal": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-pages",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

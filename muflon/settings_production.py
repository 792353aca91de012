"""Production settings: the development settings, hardened; refuse to start when unsafe."""

import os

from django.core.exceptions import ImproperlyConfigured

from muflon.settings import *  # noqa: F403
from muflon.settings import DEVELOPMENT_SECRET_KEY, env_bool, env_list, mailers_from_env

if env_bool("DJANGO_DEBUG", False):
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random value of 50 or more characters.")

if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production (postgresql://…).")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MAILERS = mailers_from_env("django.core.mail.backends.smtp.EmailBackend")

# The app runs behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# Care: confidential notes need real keys from the environment, never the development key file.
MUFLON_FIELD_KEYS = env_list("MUFLON_FIELD_KEY")
MUFLON_FIELD_KEY_FILE = None


def is_fernet_key(key: str) -> bool:
    import base64
    import binascii

    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return False


if not MUFLON_FIELD_KEYS or not all(is_fernet_key(key) for key in MUFLON_FIELD_KEYS):
    raise ImproperlyConfigured(
        "MUFLON_FIELD_KEY must hold one or more Fernet keys, comma-separated, the current one first "
        '(make one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())").'
    )

"""System checks of barrier support: the keys of confidential notes are usable (`manage.py check`, migrate)."""

from django.core import checks


def check_field_keys(app_configs=None, **kwargs):
    from muflon.care import encryption

    try:
        encryption.encrypt("check")
    except encryption.KeyProblem as problem:
        return [checks.Error(str(problem), id="muflon.care.E001")]
    return []

"""Where the portal keeps uploaded files: a folder that no URL serves; views hand files out after checking access."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage under settings.PORTAL_FILES_ROOT, read at each use (tests point it elsewhere)."""

    @property
    def base_location(self):
        return str(settings.PORTAL_FILES_ROOT)

    @property
    def location(self):
        return str(settings.PORTAL_FILES_ROOT)

    def url(self, name):
        raise NotImplementedError("Portal files have no public address: serve them through a view that checks access.")


private_storage = PrivateStorage()


def portal_storage():
    """The storage of every portal upload (a callable, so migrations do not freeze a path)."""
    return private_storage

"""What the access matrix is made of: the subjects, the expectation type, shorthands. Areas declare
their own lines in tests/access_<area>.py with these."""

from dataclasses import dataclass, field

from muflon.accounts.models import Role

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"  # administrator and coordinator of another partnership
SUBJECTS = [ANONYMOUS, *Role, OUTSIDER]
LOGIN = "login"  # a redirect to the login page
STAFF = [role for role in Role if role != Role.PARTICIPANT]
MANAGERS = [Role.ADMIN, Role.COORDINATOR]


@dataclass
class Expect:
    """The status each subject gets on GET; `args` builds the URL's arguments from the test world."""

    allowed: list
    args: object = None
    status: int = 200
    denied: int | str = 403
    anonymous: int | str = LOGIN
    outsider: int | str | None = None
    overrides: dict = field(default_factory=dict)

    def for_subject(self, subject):
        if subject in self.overrides:
            return self.overrides[subject]
        if subject == ANONYMOUS:
            return self.anonymous
        if subject == OUTSIDER:
            return self.outsider if self.outsider is not None else self.status
        return self.status if subject in self.allowed else self.denied


def everyone(status=200, **kwargs):
    return Expect(allowed=list(Role), status=status, anonymous=status, **kwargs)

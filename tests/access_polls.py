"""The access matrix lines of the public poll (polls) and the sign-up (/join/); merged into test_access_matrix."""

from tests.access_common import MANAGERS, Expect, everyone

# The public pages show the site's partnership (the world's partnership is the default one), so another
# partnership's staff see them too; managing polls is for administrators and coordinators of their own.
MATRIX = {
    "polls:current": everyone(),
    "polls:archive": everyone(),
    "polls:detail": everyone(args=lambda world: [world["poll"].pk]),
    "polls:vote": everyone(405, args=lambda world: [world["poll"].pk]),
    "polls:manage": Expect(allowed=MANAGERS, outsider=200),
    "polls:create": Expect(allowed=MANAGERS, outsider=200),
    "polls:edit": Expect(allowed=MANAGERS, args=lambda world: [world["poll"].pk], outsider=404),
    "join:form": everyone(),
    "join:thanks": everyone(),
}

# url name -> Expect for an empty POST: a form without answers comes back with its errors (200), nothing saved.
POST_MATRIX = {
    "polls:vote": everyone(200),
    "polls:create": Expect(allowed=MANAGERS, outsider=200),
    "polls:edit": Expect(allowed=MANAGERS, outsider=404),
    "join:form": everyone(200),
}


def extend_world(world):
    """An open poll of the world's partnership, with two answers."""
    import datetime

    from django.utils import timezone

    from muflon.polls.models import Choice, Poll

    now = timezone.now()
    poll = Poll.objects.create(
        partnership=world["participant"].partnership,
        question="Czy planujesz założyć spółdzielnię socjalną?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
    )
    Choice.objects.create(poll=poll, text="Tak", position=0)
    Choice.objects.create(poll=poll, text="Nie", position=1)
    world["poll"] = poll

"""The people area's part of the staff dashboard: figures by stage and sex, own open tasks."""

from django.core.cache import cache
from django.db.models import Count
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from muflon.accounts.models import MANAGERS
from muflon.partnership.models import Partnership
from muflon.people.models import Participant, Task
from muflon.people.path import Stage

# The counts are kept until a participant of the partnership changes. The bound covers the one race the stamp
# misses: a change saved before the counting but committed after it, with an older updated_at than another's.
FIGURES_CACHE_SECONDS = 5 * 60


def figures(user) -> dict | None:
    """Participants counted by stage and by sex, in the database, for those who see everyone."""
    if not user.has_role(*MANAGERS):
        return None
    by_stage = {stage: {"F": 0, "M": 0} for stage in Stage}
    for stage, sex, total in stage_sex_counts(user):
        by_stage[stage][sex] = total
    rows = [(Stage(stage).label, cells["F"], cells["M"], cells["F"] + cells["M"]) for stage, cells in by_stage.items()]
    women = sum(row[1] for row in rows)
    men = sum(row[2] for row in rows)
    return {"rows": rows, "women": women, "men": men, "total": women + men}


def stage_sex_counts(user) -> list[tuple[str, str, int]]:
    """(stage, sex, count) of the partnership's people, counted again only after one of them changed.

    Counting 100,000 people takes longer than the whole page may; the stamp is two index look-ups, and as
    it lives in the database every worker process sees the same one."""
    key = f"people:stage-sex:{user.partnership_id}:{change_stamp(user.partnership_id)}"
    counts = cache.get(key)
    if counts is None:
        # COUNT(*), not COUNT(id): the index (partnership, stage, sex) then answers alone.
        # The figures are the whole partnership's (only those who see everyone get them), like the cache key.
        people = Participant.objects.filter(partnership_id=user.partnership_id)
        counts = list(people.values_list("stage", "sex").annotate(total=Count("*")).order_by())
        cache.set(key, counts, FIGURES_CACHE_SECONDS)
    return counts


def change_stamp(partnership_id) -> str:
    """Moves whenever a participant of the partnership is added, changed (updated_at) or deleted (the
    partnership's updated_at, see `mark_deletion`)."""
    changes = Participant.objects.filter(partnership_id=partnership_id).order_by("-updated_at")
    latest = changes.values_list("updated_at", flat=True).first()
    deleted = Partnership.objects.filter(pk=partnership_id).values_list("updated_at", flat=True).first()
    return f"{latest.timestamp() if latest else 0}:{deleted.timestamp() if deleted else 0}"


@receiver(post_delete, sender=Participant, dispatch_uid="people-dashboard-deletion")
def mark_deletion(sender, instance, **kwargs):
    Partnership.objects.filter(pk=instance.partnership_id).update(updated_at=timezone.now())


def open_tasks(user):
    return (
        Task.objects.visible_to(user)
        .filter(assignee=user, done_on__isnull=True)
        .select_related("participant")
        .order_by("due_on", "id")[:20]
    )

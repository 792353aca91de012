"""The people area's part of the staff dashboard: figures by stage and sex, own open tasks."""

from django.db.models import Count

from muflon.people.access import MANAGERS
from muflon.people.models import Participant, Task
from muflon.people.path import Stage


def figures(user) -> dict | None:
    """Participants counted by stage and by sex, in the database, for those who see everyone."""
    if not user.has_role(*MANAGERS):
        return None
    # COUNT(*), not COUNT(id): the index (partnership, stage, sex) then answers alone.
    counts = Participant.objects.visible_to(user).values("stage", "sex").annotate(total=Count("*")).order_by()
    by_stage = {stage: {"F": 0, "M": 0} for stage in Stage}
    for row in counts:
        by_stage[row["stage"]][row["sex"]] = row["total"]
    rows = [(Stage(stage).label, cells["F"], cells["M"], cells["F"] + cells["M"]) for stage, cells in by_stage.items()]
    women = sum(row[1] for row in rows)
    men = sum(row[2] for row in rows)
    return {"rows": rows, "women": women, "men": men, "total": women + men}


def open_tasks(user):
    return (
        Task.objects.visible_to(user)
        .filter(assignee=user, done_on__isnull=True)
        .select_related("participant")
        .order_by("due_on", "id")[:20]
    )

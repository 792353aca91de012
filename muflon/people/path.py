"""The participant's path: its stages and the one table of allowed moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    RECRUITED = "recruited", _("recruited")
    DIAGNOSED = "diagnosed", _("diagnosed")
    IN_SUPPORT = "in_support", _("in support")
    FOUNDING_GROUP = "founding_group", _("in a founding group")
    COOPERATIVE_MEMBER = "cooperative_member", _("member of a cooperative")
    EMPLOYED_COOPERATIVE = "employed_cooperative", _("employed in a cooperative")
    EMPLOYED_OPEN_MARKET = "employed_open_market", _("employed on the open labour market")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    EXITED = "exited", _("exited")


class ExitReason(models.TextChoices):
    COMPLETED = "completed", _("completed the support")
    FOUND_WORK = "found_work", _("found work")
    RESIGNED = "resigned", _("resigned")
    LOST_CONTACT = "lost_contact", _("lost contact")
    HEALTH = "health", _("health reasons")
    MOVED_AWAY = "moved_away", _("moved away")
    OTHER = "other", _("other")


EMPLOYED = {Stage.EMPLOYED_COOPERATIVE, Stage.EMPLOYED_OPEN_MARKET, Stage.SELF_EMPLOYED}

ALLOWED_MOVES: dict[str, set[str]] = {
    Stage.RECRUITED: {Stage.DIAGNOSED, Stage.EXITED},
    Stage.DIAGNOSED: {Stage.IN_SUPPORT, Stage.EXITED},
    Stage.IN_SUPPORT: {Stage.FOUNDING_GROUP, *EMPLOYED, Stage.EXITED},
    Stage.FOUNDING_GROUP: {Stage.COOPERATIVE_MEMBER, Stage.IN_SUPPORT, Stage.EXITED},
    Stage.COOPERATIVE_MEMBER: {Stage.EMPLOYED_COOPERATIVE, Stage.EMPLOYED_OPEN_MARKET, Stage.EXITED},
    Stage.EMPLOYED_COOPERATIVE: {Stage.EMPLOYED_OPEN_MARKET, Stage.SELF_EMPLOYED, Stage.EXITED},
    Stage.EMPLOYED_OPEN_MARKET: {Stage.EMPLOYED_COOPERATIVE, Stage.EXITED},
    Stage.SELF_EMPLOYED: {Stage.EMPLOYED_COOPERATIVE, Stage.EXITED},
    # A person may come back; reports count them once.
    Stage.EXITED: {Stage.RECRUITED},
}


def can_move(from_stage: str, to_stage: str) -> bool:
    return to_stage in ALLOWED_MOVES.get(from_stage, set())


def next_stages(from_stage: str) -> list[str]:
    return [stage for stage in Stage if stage in ALLOWED_MOVES.get(from_stage, set())]

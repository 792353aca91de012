"""The participant's progress along the partnership's educational path, one step per workshop type."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from muflon.education.models import Enrolment, WorkshopType

DONE = "done"
IN_PROGRESS = "in_progress"
AHEAD = "ahead"

STATE_LABELS = {DONE: _("done"), IN_PROGRESS: _("in progress"), AHEAD: _("still ahead")}


@dataclass
class PathStep:
    workshop_type: WorkshopType
    state: str

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def path_progress(participant) -> list[PathStep]:
    """The partnership's workshop types in path order, each done, in progress or still ahead for the person.

    Done: an enrolment of that type was completed. In progress: the person holds a place in an edition of
    the type whose completion is not decided yet. Anything else (waiting list, withdrawn, not completed,
    never enrolled) leaves the step ahead.
    """
    enrolments = (
        Enrolment.objects.filter(participant=participant, status=Enrolment.Status.ENROLLED)
        .order_by()
        .values_list("edition__workshop_type_id", "completed")
    )
    done = {type_id for type_id, completed in enrolments if completed}
    started = {type_id for type_id, completed in enrolments if completed is None}
    steps = []
    for workshop_type in WorkshopType.objects.filter(partnership=participant.partnership_id):
        if workshop_type.pk in done:
            state = DONE
        elif workshop_type.pk in started:
            state = IN_PROGRESS
        else:
            state = AHEAD
        steps.append(PathStep(workshop_type, state))
    return steps

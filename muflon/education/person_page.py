"""What education adds to a person's pages: the steps of the educational path (`people.person_page`)."""

from muflon.education.progress import path_progress
from muflon.people.access import STAGE_ONLY


def staff_page_path(request, participant, context):
    """On the staff page of a participant, for every level of detail but the stage alone."""
    if context["level"] == STAGE_ONLY:
        return None
    return {"workshop_steps": path_progress(participant)}


def own_page_path(request, participant, context):
    return {"workshop_steps": path_progress(participant)}

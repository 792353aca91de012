"""Who sees what of the educational path beyond the editions' own scope."""

from django.db.models import Q

from muflon.accounts.models import Role


def people_in_own_workshops(user, roles) -> Q | None:
    """Trainers see the people with a place in the editions they run, or that their training firm organises:
    name and contact only (people.access.detail_level); added to Participant.objects.visible_to from
    EducationConfig.ready()."""
    if Role.TRAINER not in roles:
        return None
    allowed = Q(enrolments__edition__trainers=user, enrolments__status="enrolled")
    if user.training_firm_id:
        allowed |= Q(enrolments__edition__organisation_id=user.training_firm_id, enrolments__status="enrolled")
    return allowed

"""The participant's own workshops at /me/workshops/: open editions, own enrolments, feedback, certificates."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from muflon.core import audit
from muflon.core.confirm import ask_to_confirm, is_confirmed
from muflon.education import calendar, certificates, services
from muflon.education.access import certificate_for, edition_for, enrolment_for
from muflon.education.models import Edition, Enrolment, Feedback
from muflon.people.views_me import participant_download, participant_page

LIVE = [Enrolment.Status.ENROLLED, Enrolment.Status.WAITING]


def is_finished(edition, today) -> bool:
    return edition.ends_on is not None and edition.ends_on < today


def waiting_position(enrolment) -> int:
    """1 for the first person waiting: the same order in which `services.promote_first_waiting` lets people in."""
    ahead = Enrolment.objects.filter(edition=enrolment.edition_id, status=Enrolment.Status.WAITING).filter(
        Q(queued_at__lt=enrolment.queued_at) | Q(queued_at=enrolment.queued_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def own_enrolments(request, participant):
    """The person's own enrolments; a participant who also trains sees other people's through the queryset."""
    return Enrolment.objects.visible_to(request.user).filter(participant=participant)


@participant_page
def home(request, participant):
    today = timezone.localdate()
    enrolments = list(
        own_enrolments(request, participant)
        .select_related("edition__workshop_type", "edition__gmina", "certificate", "feedback")
        .order_by(F("edition__starts_on").desc(nulls_last=True), "-queued_at")
    )
    live_editions = {enrolment.edition_id for enrolment in enrolments if enrolment.status in LIVE}
    awaiting_feedback = set(services.finished_without_feedback(participant).values_list("pk", flat=True))
    for enrolment in enrolments:
        enrolment.position = waiting_position(enrolment) if enrolment.status == Enrolment.Status.WAITING else None
        enrolment.is_finished = is_finished(enrolment.edition, today)
        enrolment.can_withdraw = enrolment.status in LIVE and not enrolment.is_finished
        enrolment.can_give_feedback = enrolment.pk in awaiting_feedback
    open_editions = list(
        Edition.objects.visible_to(request.user)
        .filter(enrolment_open=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(pk__in=live_editions)
        .select_related("workshop_type", "gmina")
        .prefetch_related("meetings")
        .order_by(F("starts_on").asc(nulls_last=True), "pk")
    )
    for edition in open_editions:
        edition.places_left = max(edition.capacity - edition.enrolled_count, 0)
    context = {
        "participant": participant,
        "enrolments": enrolments,
        "open_editions": open_editions,
        "calendar_feed": calendar.feed_for(request.user),
    }
    return render(request, "education/me_workshops.html", context)


@require_POST
@participant_page
def enrol(request, participant, pk):
    try:
        edition = edition_for(request, pk)
    except Http404:
        # A page left open while enrolment closed: the same words for any number, so nothing is revealed.
        messages.error(request, _("This workshop is not open for signing up any more."))
        return redirect("me_workshops:home")
    try:
        enrolment = services.enrol(edition, participant, by=request.user)
    except ValidationError as error:
        messages.error(request, _("We could not sign you up. %(reason)s") % {"reason": " ".join(error.messages)})
        return redirect("me_workshops:home")
    name = edition.workshop_type.name
    if enrolment.status == Enrolment.Status.ENROLLED:
        messages.success(request, _("You have a place in the workshop %(name)s.") % {"name": name})
    else:
        messages.success(
            request,
            _(
                "The workshop %(name)s is full, so you are on the waiting list, place %(position)s. "
                "When a place frees up, you move up by yourself and we let you know."
            )
            % {"name": name, "position": waiting_position(enrolment)},
        )
    return redirect("me_workshops:home")


@require_POST
@participant_page
def withdraw(request, participant, pk):
    enrolment = enrolment_for(request, pk, participant=participant)
    name = enrolment.edition.workshop_type.name
    # Leaving is for workshops still ahead or running; a finished one stays in the person's record.
    if is_finished(enrolment.edition, timezone.localdate()):
        messages.error(request, _("The workshop %(name)s has already finished.") % {"name": name})
        return redirect("me_workshops:home")
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            question=_("Leave the workshop %(name)s?") % {"name": name},
            consequence=_("Your place goes to someone else; to come back you would have to sign up again."),
            confirm_label=_("Yes, leave the workshop"),
            back_url=reverse("me_workshops:home"),
        )
    try:
        services.withdraw(enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("me_workshops:home")
    messages.success(request, _("You are no longer signed up for the workshop %(name)s.") % {"name": name})
    return redirect("me_workshops:home")


RATINGS = [
    (1, gettext_lazy("1 — very poor")),
    (2, gettext_lazy("2 — poor")),
    (3, gettext_lazy("3 — fair")),
    (4, gettext_lazy("4 — good")),
    (5, gettext_lazy("5 — very good")),
]


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("How would you rate the workshop?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comment"]
        labels = {"comment": gettext_lazy("Anything you want to tell us (you may leave this empty)")}


@participant_page
def feedback(request, participant, pk):
    enrolment = enrolment_for(request, pk, participant=participant)
    name = enrolment.edition.workshop_type.name
    if not services.finished_without_feedback(participant).filter(pk=enrolment.pk).exists():
        if Feedback.objects.filter(enrolment=enrolment).exists():
            messages.info(request, _("You have already given your opinion of %(name)s. Thank you!") % {"name": name})
        elif enrolment.status != Enrolment.Status.ENROLLED:
            messages.error(request, _("Only people who took part in %(name)s can rate it.") % {"name": name})
        else:
            messages.error(request, _("You can rate %(name)s after it has ended.") % {"name": name})
        return redirect("me_workshops:home")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.enrolment = enrolment
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # the same form sent twice at once: the first one counts
            messages.info(request, _("You have already given your opinion of %(name)s. Thank you!") % {"name": name})
            return redirect("me_workshops:home")
        messages.success(request, _("Thank you for your opinion of %(name)s.") % {"name": name})
        return redirect("me_workshops:home")
    return render(request, "education/me_feedback.html", {"form": form, "enrolment": enrolment})


def certificate_filename(certificate) -> str:
    return f"zaswiadczenie-{certificate.number.replace('/', '-')}.pdf"


def certificate_response(request, certificate) -> HttpResponse:
    verification_url = request.build_absolute_uri(reverse("education_public:verify", args=[certificate.code]))
    response = HttpResponse(certificates.certificate_pdf(certificate, verification_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    audit.record_read(certificate.enrolment.participant, what=f"certificate {certificate.number} (pdf)")
    return response


@participant_download
def certificate_pdf(request, participant, pk):
    certificate = certificate_for(request, pk, enrolment__participant=participant)
    return certificate_response(request, certificate)

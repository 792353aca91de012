"""Pages of barrier support at /app/care/: clients, sessions, confidential notes, groups and dependant care."""

import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from muflon.accounts.access import role_required
from muflon.accounts.models import CARE_MANAGERS, CARE_ROLES, Role
from muflon.care import services
from muflon.care.access import (
    arrangement_for,
    client_for,
    dependant_for,
    group_for,
    is_counsellor,
    manages_care,
    member_for,
    note_for,
    person_for,
)
from muflon.care.charts import barriers_over_time
from muflon.care.encryption import InvalidToken, KeyProblem
from muflon.care.forms import (
    ArrangementForm,
    DateForm,
    DependantForm,
    GapsForm,
    GroupAttendanceForm,
    GroupForm,
    GroupMeetingForm,
    HandoverForm,
    MembershipForm,
    NoteForm,
    ReferralForm,
    SessionForm,
)
from muflon.care.models import (
    CareArrangement,
    ConfidentialNote,
    CounsellingClient,
    CounsellingSession,
    Dependant,
    SelfHelpGroup,
)
from muflon.core.confirm import ask_to_confirm, is_confirmed
from muflon.core.forms import add_validation_error
from muflon.core.meetings import not_started_message
from muflon.core.paging import Page, page_without_count

PER_PAGE = 50
logger = logging.getLogger(__name__)

# The administrator sees the details (how to fix the key) in the server log and in `manage.py check`.
KEY_PROBLEM_MESSAGE = gettext_lazy(
    "Confidential notes cannot be written or read now: the encryption key is not set up correctly. "
    "Nothing was saved. Tell the administrator."
)


def render_form(request, form, *, title, back, intro="", submit=None, participant=None):
    context = {"form": form, "title": title, "back": back, "intro": intro, "submit": submit or _("Save")}
    context["participant"] = participant
    return render(request, "care/form.html", context)


# Counselling -----------------------------------------------------------------------------------------------


@never_cache
@role_required(*CARE_ROLES)
def client_list(request):
    show = request.GET.get("show", "open")
    clients = CounsellingClient.objects.visible_to(request.user).select_related("participant", "counsellor")
    clients = clients.filter(ended_on__isnull=show != "ended")
    clients = clients.annotate(session_count=Count("sessions"), last_session=Max("sessions__held_on"))
    page = page_without_count(clients, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "care/client_list.html", {"page": page, "show": show})


@never_cache
@role_required(*CARE_ROLES)
def client_detail(request, pk):
    client = client_for(request, pk)
    is_own = client.counsellor_id == request.user.pk and is_counsellor(request.user)
    notes = ConfidentialNote.objects.visible_to(request.user).filter(client=client).select_related("author", "session")
    context = {
        "client": client,
        "is_own": is_own,
        "sessions": client.sessions.select_related("counsellor"),
        "notes": notes if is_own else None,
        "note_count": client.notes.count(),
        "handovers": client.handovers.select_related("from_counsellor", "to_counsellor", "by"),
        "notice": services.withdrawal_notice(client),
        "can_hand_over": client.is_open and (is_own or request.user.has_role(Role.COORDINATOR)),
        "can_end": client.is_open and (is_own or manages_care(request.user)),
        "end_form": DateForm(prefix="end"),
    }
    context["can_erase"] = bool(context["notice"] and context["notice"].notes and manages_care(request.user))
    return render(request, "care/client_detail.html", context)


def own_open_client(request, pk, message):
    """The client, when the user is their counsellor; a coordinator is sent back with `message`."""
    client = client_for(request, pk)
    if client.counsellor_id != request.user.pk or not is_counsellor(request.user):
        messages.error(request, message)
        return client, redirect(client)
    if not client.is_open:
        messages.error(request, _("This counselling has ended: nothing more can be recorded in it."))
        return client, redirect(client)
    return client, None


@never_cache
@role_required(*CARE_ROLES)
def session_create(request, pk):
    client, refused = own_open_client(request, pk, _("Only the client's counsellor records sessions."))
    if refused:
        return refused
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_session(
                client,
                held_on=form.cleaned_data["held_on"],
                minutes=form.cleaned_data["minutes"],
                form=form.cleaned_data["form"],
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The session was recorded."))
            return redirect(client)
    return render_form(
        request, form, title=_("Record a session"), back=client.get_absolute_url(), participant=client.participant
    )


@never_cache
@role_required(*CARE_ROLES)
def note_create(request, pk):
    client, refused = own_open_client(request, pk, _("Only the client's counsellor can write confidential notes."))
    if refused:
        return refused
    form = NoteForm(request.POST or None, client=client, initial={"session": request.GET.get("session")})
    if request.method == "POST" and form.is_valid():
        try:
            services.write_note(
                client, form.cleaned_data["text"], session=form.cleaned_data["session"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error)
        except KeyProblem as problem:
            # Saving unencrypted is never an option: nothing is saved and the person knows whom to tell.
            logger.error("%s", problem)
            messages.error(request, KEY_PROBLEM_MESSAGE)
        else:
            messages.success(request, _("The confidential note was saved (encrypted)."))
            return redirect(client)
    return render_form(
        request,
        form,
        title=_("Write a confidential note"),
        back=client.get_absolute_url(),
        participant=client.participant,
        intro=_(
            "Only you, as the client's counsellor, can read this note (and a counsellor you hand the client over to)."
        ),
    )


@never_cache
@login_required
def note_detail(request, pk):
    """A note for its reader only. Anyone else logged in, whatever the role, gets the same 404 as for a note
    that does not exist, and the refusal is logged."""
    note = note_for(request, pk)
    try:
        text = services.read_note(note, by=request.user)
    except InvalidToken:
        # The note was encrypted with a key that is no longer configured: say so instead of failing.
        messages.error(request, _("This note cannot be decrypted with the keys now set up. Tell the administrator."))
        return redirect("care:client", note.client_id)
    except KeyProblem as problem:
        logger.error("%s", problem)
        messages.error(request, KEY_PROBLEM_MESSAGE)
        return redirect("care:client", note.client_id)
    return render(request, "care/note_detail.html", {"note": note, "text": text, "client": note.client})


@never_cache
@role_required(*CARE_ROLES)
def client_handover(request, pk):
    client = client_for(request, pk)
    form = HandoverForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        return ask_to_confirm(
            request,
            question=_("Hand %(name)s over to %(counsellor)s?")
            % {"name": client.participant, "counsellor": form.cleaned_data["to_counsellor"]},
            consequence=_("From then on only the new counsellor reads the confidential notes."),
            confirm_label=_("Yes, hand over"),
            back_url=client.get_absolute_url(),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.hand_over(
                client,
                form.cleaned_data["to_counsellor"],
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The client was handed over."))
            if client.counsellor_id == request.user.pk:
                return redirect("care:clients")
            return redirect(client)
    return render_form(
        request,
        form,
        title=_("Hand the client over to another counsellor"),
        back=client.get_absolute_url(),
        participant=client.participant,
        intro=_("Now with %(counsellor)s.") % {"counsellor": client.counsellor},
    )


@require_POST
@role_required(*CARE_ROLES)
def client_end(request, pk):
    client = client_for(request, pk)
    form = DateForm(request.POST, prefix="end")
    try:
        if not form.is_valid():
            raise ValidationError(_("Give a valid date."))
        if not is_confirmed(request):
            return ask_to_confirm(
                request,
                question=_("End the counselling of %(name)s?") % {"name": client.participant},
                consequence=_("Nothing more can be recorded in it; a new referral starts a new counselling."),
                confirm_label=_("Yes, end the counselling"),
                back_url=client.get_absolute_url(),
            )
        services.end_counselling(client, on=form.cleaned_data["on"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The counselling was ended."))
    return redirect(client)


@require_POST
@role_required(*CARE_MANAGERS)
def client_erase_notes(request, pk):
    client = client_for(request, pk)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            question=_("Erase the confidential notes of %(name)s?") % {"name": client.participant},
            consequence=_("The notes are deleted for good; nobody can read them again."),
            confirm_label=_("Yes, erase the notes"),
            back_url=client.get_absolute_url(),
        )
    try:
        erased = services.erase_notes_after_withdrawal(client, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Confidential notes erased: %(count)s.") % {"count": erased})
    return redirect(client)


@never_cache
@role_required(*CARE_ROLES)
def session_list(request):
    sessions = CounsellingSession.objects.visible_to(request.user).select_related("client__participant", "counsellor")
    page = page_without_count(sessions, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "care/session_list.html", {"page": page, "can_export": manages_care(request.user)})


@role_required(*CARE_MANAGERS)
def session_export(request):
    from muflon.care.export import export_sessions

    sessions = CounsellingSession.objects.visible_to(request.user).select_related("client__participant", "counsellor")
    return export_sessions(sessions)


# Self-help groups ------------------------------------------------------------------------------------------


@never_cache
@role_required(*CARE_ROLES)
def group_list(request):
    groups = SelfHelpGroup.objects.visible_to(request.user).select_related("facilitator")
    groups = groups.annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
        meeting_count=Count("meetings", distinct=True),
    )
    page = page_without_count(groups, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "care/group_list.html", {"page": page, "can_create": manages_care(request.user)})


@never_cache
@role_required(*CARE_MANAGERS)
def group_create(request):
    form = GroupForm(request.POST or None, partnership_id=request.user.partnership_id)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, _("The group was created."))
        return redirect(group)
    return render_form(request, form, title=_("New self-help group"), back=reverse("care:groups"))


@never_cache
@role_required(*CARE_MANAGERS)
def group_edit(request, pk):
    group = group_for(request, pk)
    form = GroupForm(request.POST or None, instance=group, partnership_id=group.partnership_id)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(group)
    return render_form(request, form, title=_("Edit the group"), back=group.get_absolute_url())


@never_cache
@role_required(*CARE_ROLES)
def group_detail(request, pk):
    group = group_for(request, pk)
    meeting_form = GroupMeetingForm()
    return render(request, "care/group_detail.html", group_context(request, group, meeting_form))


def group_context(request, group, meeting_form):
    members = group.members.select_related("participant").annotate(
        present_count=Count("attendance", filter=Q(attendance__present=True))
    )
    meetings = group.meetings.annotate(present_count=Count("attendance", filter=Q(attendance__present=True)))
    return {
        "group": group,
        "members": members,
        "meetings": meetings,
        "meeting_form": meeting_form,
        "can_edit": manages_care(request.user),
        "now": timezone.now(),
    }


@require_POST
@role_required(*CARE_ROLES)
def group_meeting_create(request, pk):
    group = group_for(request, pk)
    form = GroupMeetingForm(request.POST)
    if form.is_valid():
        try:
            services.add_group_meeting(
                group,
                starts_at=form.starts_at(),
                ends_at=form.ends_at(),
                topic=form.cleaned_data["topic"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The meeting was added."))
            return redirect(group)
    return render(request, "care/group_detail.html", group_context(request, group, form))


@never_cache
@role_required(*CARE_ROLES)
def group_attendance(request, pk, meeting_pk):
    group = group_for(request, pk)
    meeting = group.meetings.filter(pk=meeting_pk).first()
    if meeting is None:
        raise Http404
    members = list(services.members_on(meeting))
    marked = [a.member_id for a in meeting.attendance.filter(present=True)]
    # Nobody ticked is an answer too ("all absent"), so an empty POST is still a submitted form.
    data = request.POST if request.method == "POST" else None
    form = GroupAttendanceForm(data, members=members, initial={"present": marked})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_group_attendance(meeting, form.cleaned_data["present"], by=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The attendance was saved."))
            return redirect(group)
    context = {"group": group, "meeting": meeting, "form": form}
    if not meeting.has_started():
        # No form before the meeting starts: the page says when attendance can be recorded.
        context["not_started"] = not_started_message(meeting.starts_at)
    return render(request, "care/group_attendance.html", context)


@require_POST
@role_required(*CARE_ROLES)
def member_leave(request, pk):
    member = member_for(request, pk)
    form = DateForm(request.POST, prefix="leave")
    try:
        if not form.is_valid():
            raise ValidationError(_("Give a valid date."))
        if not is_confirmed(request):
            return ask_to_confirm(
                request,
                question=_("Remove %(name)s from the group %(group)s?")
                % {"name": member.participant, "group": member.group},
                consequence=_("The membership ends on the date given; attendance recorded so far stays."),
                confirm_label=_("Yes, remove from the group"),
                back_url=member.group.get_absolute_url(),
            )
        services.remove_member(member, on=form.cleaned_data["on"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s left the group.") % {"name": member.participant})
    return redirect(member.group)


# A person's barrier support --------------------------------------------------------------------------------


@never_cache
@role_required(*CARE_ROLES)
def person(request, pk):
    participant = person_for(request, pk)
    assessments = participant.assessments.prefetch_related("scores")
    client = (
        CounsellingClient.objects.visible_to(request.user)
        .filter(participant=participant)
        .order_by("ended_on", "-referred_on")
        .select_related("counsellor")
        .first()
    )
    dependants = (
        Dependant.objects.visible_to(request.user)
        .filter(participant=participant)
        .prefetch_related("arrangements__editions__workshop_type", "arrangements__groups")
    )
    context = {
        "participant": participant,
        "chart": barriers_over_time(assessments),
        "client": client,
        "notice": services.withdrawal_notice(client) if client else None,
        "memberships": participant.self_help_groups.select_related("group"),
        "membership_form": MembershipForm(groups=SelfHelpGroup.objects.visible_to(request.user)),
        "dependants": dependants,
        "can_refer": manages_care(request.user),
    }
    return render(request, "care/person.html", context)


@never_cache
@role_required(*CARE_MANAGERS)
def refer(request, pk):
    participant = person_for(request, pk)
    form = ReferralForm(request.POST or None, partnership_id=participant.partnership_id)
    if request.method == "POST" and form.is_valid():
        try:
            client = services.refer_to_counselling(
                participant,
                counsellor=form.cleaned_data["counsellor"],
                kind=form.cleaned_data["kind"],
                referred_on=form.cleaned_data["referred_on"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The person was referred to counselling."))
            return redirect(client)
    return render_form(
        request,
        form,
        title=_("Refer to psychological or therapeutic support"),
        back=participant_care_url(participant),
        participant=participant,
        intro=_("Needs the person's consent to the processing of health data for psychological support."),
    )


def participant_care_url(participant) -> str:
    return reverse("care:person", args=[participant.pk])


@require_POST
@role_required(*CARE_ROLES)
def member_add(request, pk):
    participant = person_for(request, pk)
    form = MembershipForm(request.POST, groups=SelfHelpGroup.objects.visible_to(request.user))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a group and a valid date."))
        services.add_member(form.cleaned_data["group"], participant, on=form.cleaned_data["joined_on"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s joined the group.") % {"name": participant})
    return redirect("care:person", pk=participant.pk)


@never_cache
@role_required(*CARE_ROLES)
def dependant_create(request, pk):
    participant = person_for(request, pk)
    form = DependantForm(request.POST or None, instance=Dependant(participant=participant))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The dependant was added."))
        return redirect("care:person", pk=participant.pk)
    return render_form(
        request, form, title=_("Add a dependant"), back=participant_care_url(participant), participant=participant
    )


@never_cache
@role_required(*CARE_ROLES)
def dependant_edit(request, pk):
    dependant = dependant_for(request, pk)
    form = DependantForm(request.POST or None, instance=dependant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect("care:person", pk=dependant.participant_id)
    back = participant_care_url(dependant.participant)
    return render_form(request, form, title=_("Edit the dependant"), back=back, participant=dependant.participant)


@never_cache
@role_required(*CARE_ROLES)
def arrangement_create(request, pk):
    dependant = dependant_for(request, pk)
    return arrangement_form(request, dependant, CareArrangement(dependant=dependant), _("Arrange care"))


@never_cache
@role_required(*CARE_ROLES)
def arrangement_edit(request, pk):
    arrangement = arrangement_for(request, pk)
    return arrangement_form(request, arrangement.dependant, arrangement, _("Edit the care arrangement"))


def arrangement_form(request, dependant, arrangement, title):
    form = ArrangementForm(request.POST or None, instance=arrangement, dependant=dependant)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_arrangement(
                form.instance,
                editions=form.cleaned_data["editions"],
                groups=form.cleaned_data["groups"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The care arrangement was saved."))
            return redirect("care:person", pk=dependant.participant_id)
    return render_form(
        request,
        form,
        title=f"{title}: {dependant}",
        back=participant_care_url(dependant.participant),
        participant=dependant.participant,
    )


@never_cache
@role_required(*CARE_ROLES)
def arrangement_list(request):
    arrangements = CareArrangement.objects.visible_to(request.user).select_related("dependant__participant")
    page = page_without_count(arrangements, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "care/arrangement_list.html", {"page": page, "can_see_gaps": manages_care(request.user)})


@never_cache
@role_required(*CARE_MANAGERS)
def gap_list(request):
    form = GapsForm(request.GET or None)
    weeks = (form.cleaned_data.get("weeks") if form.is_valid() else None) or 4
    start = timezone.localdate()
    end = start + datetime.timedelta(weeks=weeks) - datetime.timedelta(days=1)
    gaps = services.care_gaps(request.user.partnership_id, start=start, end=end)
    page = page_of_list(gaps, request.GET.get("page"))
    return render(request, "care/gap_list.html", {"form": form, "page": page, "start": start, "end": end})


def page_of_list(rows, number) -> Page:
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * PER_PAGE
    return Page(rows=rows[start : start + PER_PAGE], number=number, has_next=len(rows) > start + PER_PAGE)

"""The public sign-up form at /join/, with its spam guards that need no CAPTCHA: a honeypot and a time check."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from muflon.people.models import Candidate
from muflon.region.models import Gmina

STAMP_SALT = "muflon.people.join.started"
PHONE_SEPARATORS = re.compile(r"[\s\-().]")


SITUATIONS = [
    ("registered", _("I am out of work and registered at the labour office")),
    ("not_registered", _("I am out of work, not registered at the labour office")),
    ("working", _("I work, but I want to change my work")),
    ("group", _("I have a group of people who want to found a cooperative")),
    ("other", _("Something else")),
]


def polish_phone(value: str) -> str:
    """A Polish phone number written as 600 100 200; +48, 0048 or an old leading 0 are accepted and dropped."""
    digits = PHONE_SEPARATORS.sub("", value)
    if digits.startswith("+48"):
        digits = digits[3:]
    elif digits.startswith("0048"):
        digits = digits[4:]
    elif len(digits) == 10 and digits.startswith("0"):
        digits = digits[1:]
    if not (digits.isdigit() and len(digits) == 9 and digits[0] != "0"):
        raise forms.ValidationError(_("Write a Polish phone number of 9 digits, for example 600 100 200."))
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def fresh_stamp() -> str:
    """When the form was shown, signed so that it cannot be forged."""
    return signing.Signer(salt=STAMP_SALT).sign(str(int(time.time())))


def seconds_since(stamp: str) -> int | None:
    """Seconds since the form was shown, or None when the stamp is missing or forged."""
    try:
        return int(time.time()) - int(signing.Signer(salt=STAMP_SALT).unsign(stamp))
    except (signing.BadSignature, ValueError):
        return None


class JoinForm(forms.ModelForm):
    """ "I want to found a social cooperative / I want support": who, how to reach them, where, what they want."""

    situation = forms.ChoiceField(label=_("Your situation"), choices=SITUATIONS, widget=forms.RadioSelect)
    consent = forms.BooleanField(
        error_messages={"required": _("Without this consent we cannot contact you: tick the box to send the form.")}
    )
    # The honeypot: people never see or reach it, programs that fill in every field do.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Candidate
        fields = ["first_name", "last_name", "phone", "email", "gmina", "situation", "interests"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Surname"),
            "phone": _("Phone number"),
            "email": _("E-mail address"),
            "gmina": _("The gmina where you live"),
            "interests": _("What kind of work interests you?"),
        }
        help_texts = {
            "phone": _("Give a phone number or an e-mail address, or both, so that we can reach you."),
            "interests": _("For example cooking, cleaning, looking after older people, gardening, repairs."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "interests": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["gmina"].queryset = Gmina.objects.all()
        self.fields["gmina"].empty_label = _("— choose your gmina —")
        self.fields["gmina"].error_messages["invalid_choice"] = _("Choose a gmina from the list.")
        self.fields["interests"].max_length = 1000
        self.fields["consent"].label = self.consent_text(partnership)
        self.fields["started"].initial = fresh_stamp()

    @staticmethod
    def consent_text(partnership) -> str:
        return _(
            "I agree that %(partnership)s processes the data I give in this form to contact me and to offer me "
            "support in founding or joining a social cooperative. I can withdraw this consent at any time."
        ) % {"partnership": partnership.name}

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return polish_phone(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            raise forms.ValidationError(
                _(
                    "The form was not saved: a hidden field meant to stop automatic programs was filled in "
                    "(a browser's autofill sometimes does it). Please send the form again."
                ),
                code="honeypot",
            )
        self.check_time(cleaned.get("started") or "")
        if "phone" not in self.errors and "email" not in self.errors:
            if not cleaned.get("phone") and not cleaned.get("email"):
                self.add_error("phone", _("Give a phone number or an e-mail address so that we can reach you."))
        return cleaned

    def check_time(self, stamp: str) -> None:
        """A form sent faster than a person can fill it in is refused, and so is one left open too long."""
        age = seconds_since(stamp)
        if age is None:
            raise forms.ValidationError(
                _("The form could not be checked. Please fill it in again and send it."), code="stamp"
            )
        if age < settings.MUFLON_JOIN_MIN_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly to have been filled in by a person. Please check it and send again."),
                code="too_fast",
            )
        if age > settings.MUFLON_JOIN_MAX_AGE_SECONDS:
            raise forms.ValidationError(
                _("The form was open for too long and has expired. Please check it and send it again."),
                code="expired",
            )

    def situation_text(self) -> str:
        return str(dict(SITUATIONS)[self.cleaned_data["situation"]])

    def refresh_for_display(self) -> None:
        """A form shown again gets a new time stamp and an empty honeypot, so that the person can simply resend."""
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = fresh_stamp()
        self.data[self.add_prefix("homepage")] = ""

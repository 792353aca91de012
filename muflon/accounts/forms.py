"""Forms for the partnership administrator: users with their roles, and organisations."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core import validators
from django.utils.translation import gettext_lazy as _
from stdnum.pl import nip

from muflon.accounts.models import STAFF_ROLES, Organisation, Role, User


class UserForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "phone", "organisation", "gmina", "is_active"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["organisation"].queryset = Organisation.objects.filter(partnership=partnership)
        self.fields["email"].required = True
        if self.instance.pk:
            self.initial["roles"] = sorted(self.instance.roles)

    def clean(self):
        cleaned = super().clean()
        roles = set(cleaned.get("roles") or ())
        if Role.MUNICIPALITY_OFFICER in roles and not cleaned.get("gmina"):
            self.add_error("gmina", _("A municipality officer must be tied to a gmina."))
        if Role.PARTNER in roles and not cleaned.get("organisation"):
            self.add_error("organisation", _("A partner institution user must belong to an organisation."))
        if Role.PARTICIPANT in roles and roles & STAFF_ROLES:
            self.add_error("roles", _("A participant cannot hold a staff role in the same account."))
        return cleaned


class OrganisationForm(forms.ModelForm):
    nip = forms.CharField(
        label=_("NIP"),
        required=False,
        max_length=20,
        help_text=_("10 digits; a PL prefix, spaces and dashes are fine."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "gmina", "nip", "address", "email", "phone"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership

    def clean_nip(self):
        return nip.compact(self.cleaned_data["nip"]) if self.cleaned_data["nip"] else ""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(partnership=self.instance.partnership, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The partnership already has an organisation of this name."))
        return name


class LoginForm(AuthenticationForm):
    """Django's login form with a plainer message that never says whether the user exists, and a user name no
    longer than an account's: Django sets the field's length after building it, so it was never checked, and a
    longer name went on to the lockout records (a 500 on PostgreSQL)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name or the password is wrong. Check both and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(validators.MaxLengthValidator(field.max_length))

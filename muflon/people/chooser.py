"""Choosing a participant in a form: the core chooser with the participants list's search rules, and labels that
tell namesakes apart by what the user's role is shown (people.access.SHOWN)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from muflon.core.chooser import MIN_LENGTH, ChooserField
from muflon.people.access import detail_level, shows
from muflon.people.filters import refuse_hidden_search, search_people


def participant_chooser(user, people, **kwargs) -> ChooserField:
    """A field choosing one of `people` (already scoped to `user`), searched as the list searches for this user.
    Build it in the form's __init__ (it depends on the user), at request time."""
    level = detail_level(user)

    def search(queryset, text):
        refuse_hidden_search(text, level)
        return search_people(queryset, text, level=level)

    if shows(level, "pesel"):
        hint = ngettext(
            "Type at least %(min)s letter of the surname or first name, or the PESEL, then choose the person.",
            "Type at least %(min)s letters of the surname or first name, or the PESEL, then choose the person.",
            MIN_LENGTH,
        )
    else:
        hint = ngettext(
            "Type at least %(min)s letter of the surname or first name, then choose the person.",
            "Type at least %(min)s letters of the surname or first name, then choose the person.",
            MIN_LENGTH,
        )
    kwargs.setdefault("help_text", hint % {"min": MIN_LENGTH})
    return ChooserField(
        people.select_related("gmina"),
        search=search,
        label_of=lambda person: distinguishing_label(person, level),
        text_of=lambda person: f"{person.last_name} {person.first_name}",
        **kwargs,
    )


def distinguishing_label(person, level: str) -> str:
    """Surname and first name, then what this level of detail is shown that tells namesakes apart: the year of
    birth, the gmina, and always the record's number (which is in the address of the person's page)."""
    details = []
    if shows(level, "birth_date"):
        details.append(_("born %(year)s") % {"year": person.birth_date.year})
    if shows(level, "gmina"):
        details.append(person.gmina.name)
    details.append(_("record %(number)s") % {"number": person.pk})
    return f"{person.last_name} {person.first_name} ({', '.join(details)})"

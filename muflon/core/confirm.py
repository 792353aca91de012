"""Asking before an action that cannot be undone: a POST without `confirmed=yes` gets a page saying what will
happen, carrying the same values, with a button to go ahead and a way back. Works without JavaScript."""

from django.shortcuts import render

CONFIRMED = "confirmed"


def is_confirmed(request) -> bool:
    return request.POST.get(CONFIRMED) == "yes"


def ask_to_confirm(request, *, question, consequence, confirm_label, back_url):
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in values
    ]
    context = {
        "question": question,
        "consequence": consequence,
        "confirm_label": confirm_label,
        "back_url": back_url,
        "carried": carried,
        "action": request.get_full_path(),
    }
    return render(request, "core/confirm.html", context)

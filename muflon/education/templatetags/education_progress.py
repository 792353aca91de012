"""`{% path_progress participant %}`: the steps of the educational path, for any page about the person."""

from django import template

from muflon.education.progress import path_progress as steps_of

register = template.Library()


@register.inclusion_tag("education/path_progress.html")
def path_progress(participant):
    return {"steps": steps_of(participant)}

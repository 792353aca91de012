"""attach_related: several foreign keys to one model, filled from one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muflon.accounts.models import User
from muflon.core.related import attach_related
from muflon.people.models import CaseNote, Task
from tests import factories


@pytest.mark.django_db
def test_notes_and_tasks_get_their_authors_and_assignees_from_one_query(partnership, gmina, coordinator):
    anna, jan = (factories.UserFactory(partnership=partnership, first_name=name) for name in ["Anna", "Jan"])
    person = factories.make_participant(partnership, gmina, by=coordinator)
    CaseNote.objects.create(participant=person, author=anna, text="a")
    CaseNote.objects.create(participant=person, author=jan, text="b")
    Task.objects.create(participant=person, title="t", due_on=factories.days_ahead(3), assignee=jan, created_by=anna)
    notes, tasks = list(CaseNote.objects.order_by("text")), list(Task.objects.all())

    with CaptureQueriesContext(connection) as queries:
        attach_related(
            User.objects.only("first_name", "last_name", "username"), [(notes, "author"), (tasks, "assignee")]
        )
        names = [note.author.first_name for note in notes] + [task.assignee.first_name for task in tasks]

    assert names == ["Anna", "Jan", "Jan"]
    assert len(queries.captured_queries) == 1


@pytest.mark.django_db
def test_empty_keys_and_rows_outside_the_queryset_stay_empty(partnership, gmina, coordinator):
    anna = factories.UserFactory(partnership=partnership)
    person = factories.make_participant(partnership, gmina, by=coordinator, case_worker=None)
    Task.objects.create(participant=person, title="t", due_on=factories.days_ahead(3), assignee=anna, created_by=anna)
    person, task = type(person).objects.get(pk=person.pk), Task.objects.get()

    attach_related(User.objects.exclude(pk=anna.pk), [([person], "case_worker"), ([task], "assignee")])

    assert person.case_worker is None
    with CaptureQueriesContext(connection) as queries:
        assert task.assignee == anna  # not filled: read on first use, as without attach_related
    assert len(queries.captured_queries) == 1

"""Forms of the poll: the visitor's vote and the staff's poll with its answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from muflon.core.widgets import DATETIME_INPUT
from muflon.polls.models import Poll
from muflon.polls.services import clean_answers


class VoteForm(forms.Form):
    """One answer of the poll, as a radio group whose legend is the question."""

    choice = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose one answer."),
            "invalid_choice": _("Choose one of this poll's answers."),
        },
    )

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].queryset = poll.choices.all()
        self.fields["choice"].label = poll.question


class PollForm(forms.ModelForm):
    """The question, its dates and the answers, one per line in the order voters will see them."""

    answers = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One answer per line, in the order voters will see them; at least two."),
    )

    class Meta:
        model = Poll
        fields = ["question", "opens_at", "closes_at"]
        widgets = {"opens_at": DATETIME_INPUT, "closes_at": DATETIME_INPUT}

    def __init__(self, *args, partnership, vote_count=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        if self.instance.pk:
            self.fields["answers"].initial = "\n".join(self.instance.choices.values_list("text", flat=True))
        if vote_count:
            self.fields["answers"].widget.attrs["readonly"] = True
            self.fields["answers"].help_text = _(
                "People have already voted, so the answers cannot change. Create a new poll to ask other answers."
            )

    def clean_answers(self) -> list[str]:
        return clean_answers(self.cleaned_data["answers"].splitlines())

    def answer_lines(self) -> list[str]:
        return self.cleaned_data["answers"]

"""PlainSelect must render exactly what Django's Select renders, only faster."""

from django import forms

from muflon.core.widgets import PlainSelect

CHOICES = [("", "any"), ("x", 'X <b>"quoted"</b>'), ("Group & co", [("1", "one"), ("2", "two")])]


def rendered(widget_class, value, **attrs):
    class Form(forms.Form):
        field = forms.ChoiceField(choices=CHOICES, required=False, widget=widget_class(attrs=attrs))

    form = Form({"field": value})
    form.is_valid()
    return "".join(line.strip() for line in str(form["field"]).splitlines())


def test_the_html_is_the_same_as_djangos_select_with_groups_escaping_selection_and_attributes():
    for value in ["", "x", "2", "unknown"]:
        assert rendered(PlainSelect, value, **{"aria-describedby": "hint"}) == rendered(
            forms.Select, value, **{"aria-describedby": "hint"}
        )
    html = rendered(PlainSelect, "2")
    assert '<option value="2" selected>two</option>' in html
    assert "&lt;b&gt;&quot;quoted&quot;&lt;/b&gt;" in html
    assert '<optgroup label="Group &amp; co">' in html

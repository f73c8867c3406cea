import re

from django import forms

from regiodeal.portal.widgets import PlainSelect

CHOICES = [("", "Alle gemeenten"), ("emmen", "Emmen"), ("x", 'Tom & "Jerry" <b>')]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False)
    plain = forms.ChoiceField(choices=CHOICES, required=False, widget=PlainSelect)


def normalised(html: str, name: str) -> str:
    html = re.sub(r"\s*\n\s*", "", html).replace(f'name="{name}"', "").replace(f"id_{name}", "")
    return re.sub(r"<select[^>]*>", "<select>", html)


def test_renders_what_djangos_select_renders():
    for data in ({}, {"django": "x", "plain": "x"}, {"django": "nope", "plain": "nope"}):
        form = Both(data)
        form.is_valid()
        assert normalised(str(form["plain"]), "plain") == normalised(str(form["django"]), "django")
    assert "&amp;" in str(Both({})["plain"]) and "<b>" not in str(Both({})["plain"])


def test_keeps_the_attributes_the_form_adds():
    html = str(Both({"plain": "nope"})["plain"])
    assert 'aria-invalid="true"' in html and 'name="plain"' in html and 'id="id_plain"' in html

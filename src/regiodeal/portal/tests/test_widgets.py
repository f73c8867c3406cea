import re

from django import forms

from regiodeal.portal.widgets import FlatChoiceField, PlainSelect

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


class Flat(forms.Form):
    plain = FlatChoiceField(required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plain"].choices = CHOICES


def test_the_flat_choice_field_validates_and_renders_as_a_choice_field():
    for data in ({}, {"plain": "x"}, {"plain": "nope"}, {"plain": ""}):
        flat, django = Flat(data), Both({"django": data.get("plain", "")} if data else {})
        assert flat.is_valid() == django.is_valid()
        assert normalised(str(flat["plain"]), "plain") == normalised(
            str(django["django"]), "django"
        )
    assert Flat({"plain": "emmen"}).is_valid() and "selected" in str(
        Flat({"plain": "emmen"})["plain"]
    )
    assert Flat({"plain": "nope"}).errors["plain"]

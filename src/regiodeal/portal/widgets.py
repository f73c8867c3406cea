"""A select element rendered in Python, and a choice field for its long, flat lists.

Django renders every <option> of a Select through a template of its own, about a tenth of a
millisecond each; the public filters offer every municipality, theme and programme of a national
instance (hundreds of options), which made the form most of the project list's rendering time.
The output is what Django's Select widget renders.
"""

from functools import lru_cache
from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


@lru_cache(maxsize=32)
def _options(choices: tuple[tuple[str, str], ...]) -> str:
    # html.escape is what django.utils.html.escape applies, without the SafeString per call.
    return "".join(
        f'<option value="{escape(key)}">{escape(label)}</option>' for key, label in choices
    )


class PlainSelect(forms.Select):
    """The options of a choice list are rendered once and kept (the last 32 lists): the public
    filters render close to a thousand options a page, the same until the next publication."""

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        options = _options(tuple((str(key), str(label)) for key, label in self.choices))
        for chosen in dict.fromkeys(str(v) for v in self.format_value(value)):
            unselected = f'<option value="{escape(chosen)}">'
            options = options.replace(unselected, f"{unselected[:-1]} selected>", 1)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # nosec B308 B703 - every part escaped above


class FlatChoiceField(forms.ChoiceField):
    """A choice field of flat (value, label) pairs, shown with PlainSelect.

    Django normalises a choice list on every assignment, to the field and again to its widget,
    looking into each label for groups: for a national instance's filters that was most of the
    form's time. These lists are flat already; valid values are looked up in a set.
    """

    widget = PlainSelect

    @property
    def choices(self) -> list[tuple[str, str]]:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        self._choices = [(str(key), label) for key, label in value]
        self._values = {key for key, _ in self._choices}
        # The widget's own setter would normalise again; its value is the same list.
        self.widget._choices = self._choices

    def valid_value(self, value: Any) -> bool:
        return str(value) in self._values

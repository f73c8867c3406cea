"""A select element rendered in Python.

Django renders every <option> of a Select through a template of its own, about a tenth of a
millisecond each; the public filters offer every municipality, theme and programme of a national
instance (hundreds of options), which made the form most of the project list's rendering time.
The output is what Django's Select widget renders.
"""

from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class PlainSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        # html.escape is what django.utils.html.escape applies, without the SafeString per
        # call: a national instance's filters render close to a thousand options a page.
        options = "".join(
            '<option value="{}"{}>{}</option>'.format(
                escape(str(key)), " selected" if str(key) in chosen else "", escape(str(label))
            )
            for key, label in self.choices
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # nosec B308 B703 - every part escaped above

"""Form fields shared by the public forms."""

from babel.numbers import NumberFormatError, parse_decimal
from django import forms
from django.core.exceptions import ValidationError

from .money import LOCALE


class DutchDecimalField(forms.DecimalField):
    """A number as Dutch people type it: ``1.234.567,89``, ``€ 480.000``, ``25000,-``.

    Babel reads it: Django's localized input drops the thousands separator only when the whole
    site formats numbers with one (USE_THOUSAND_SEPARATOR). Strict parsing refuses ``1234.56``,
    which in Dutch is neither 1.234,56 nor 123.456, rather than guess. Subclasses set the
    ``invalid`` message and how a stored value is shown again.
    """

    widget = forms.TextInput

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).replace("\u00a0", " ").strip()
        text = text.removeprefix("€").removesuffix("euro").strip().removesuffix(",-").strip()
        try:
            number = parse_decimal(text, locale=LOCALE, strict=True)
        except (NumberFormatError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

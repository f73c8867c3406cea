"""Template helpers of the public portal."""

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def programme_options(lines: Iterable) -> SafeString:
    """The <option>s of a programme select, one per overview line.

    Built here rather than in a template loop: a national instance offers hundreds of
    programmes on its home page, and the loop was a good part of the page's rendering time.
    """
    return mark_safe(  # nosec B308 B703 - slug and name are escaped
        "".join(
            f'<option value="{escape(line.programme.slug)}">{escape(line.programme.name)}</option>'
            for line in lines
        )
    )

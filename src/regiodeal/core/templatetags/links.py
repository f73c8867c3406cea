"""``{% fixed_url 'portal:home' %}``: ``{% url %}`` for a URL without arguments, kept once
reversed (core.links.fixed_url). ``{% fixed_url 'portal:home' as home %}`` names it instead."""

from django import template

from regiodeal.core.links import fixed_url as _fixed_url

register = template.Library()


@register.simple_tag(name="fixed_url")
def fixed_url(viewname: str) -> str:
    return _fixed_url(viewname)

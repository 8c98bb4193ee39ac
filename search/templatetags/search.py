"""``{% load search %}``: ``{{ platform.summary|highlight:query }}`` marks the matched words."""

from django import template

from search import highlight

register = template.Library()


@register.filter(name="highlight")
def highlight_filter(text, query):
    """The matched words of a search in ``<mark>``, the rest escaped."""
    return highlight(text, query)

from django import template

from proposals.dashboard import figures

register = template.Library()


@register.simple_tag(takes_context=True)
def proposals_dashboard(context):
    """``{% proposals_dashboard as proposals %}``: ``proposals.dashboard.figures`` for the user."""
    return figures(context["request"].user)

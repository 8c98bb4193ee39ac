"""``{% load dashboard %}{% dashboard as figures %}``: the admin front page's figures."""

from django import template

from entries.dashboard import dashboard as figures

register = template.Library()


@register.simple_tag
def dashboard():
    return figures()

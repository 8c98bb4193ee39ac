"""``{% load enquiry_figures %}{% enquiry_figures request.user as figures %}``: what companies
ask for, on the admin front page — for an officer's regions and for the whole area."""

from django import template
from django.utils.translation import gettext as _

from accounts import roles
from priorities.models import Priority, Region

from ..statistics import figures, gaps, named

register = template.Library()


def _scope(title: str, regions=None) -> dict:
    found = figures(regions)
    return {
        "title": title,
        "enquiries": found.enquiries,
        "months": sorted(found.months.items(), reverse=True)[:12],
        "regions": named(found.total(found.regions), Region),
        "priorities": named(found.total(found.priorities), Priority, limit=10),
        "recipients": found.recipients,
        "answered": found.answered,
        "answer_percent": None if found.answer_rate is None else round(100 * found.answer_rate),
        "median_days": found.median_days,
        "gaps": gaps(regions),
    }


@register.simple_tag
def enquiry_figures(user):
    """The scopes ``user`` sees: their regions and the whole area for an officer, the whole
    area for the coordinator, nothing for others."""
    if roles.is_coordinator(user):
        return [_scope(_("The whole area"))]
    regions = roles.region_ids(user)
    if not regions:
        return []
    return [_scope(_("Your regions"), regions), _scope(_("The whole area"))]

"""The proposals' part of the admin front page: per region the update invitations sent,
answered and overdue, and the proposals waiting; the invitations to follow up. Three queries
whatever the number of invitations."""

from django.db.models import Count, Q
from django.urls import reverse

from accounts import roles
from priorities.models import Region

from .links import INVITATION_DAYS
from .models import Invitation, Proposal


def figures(user, limit=10):
    """What the front page shows ``user`` (the coordinator: every region; an officer: theirs)."""
    invitations = Invitation.objects.visible_to(user)
    overdue = Invitation.objects.overdue()
    counts = {
        row["platform__region"]: row
        for row in invitations.values("platform__region")
        .annotate(
            sent=Count("pk"),
            answered=Count("pk", filter=Q(answered__isnull=False)),
            overdue=Count("pk", filter=Q(pk__in=overdue.values("pk"))),
        )
        .order_by()
    }
    pending = dict(
        Proposal.objects.visible_to(user)
        .pending()
        .values("region")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("region", "n")
    )
    rows = []
    for region in Region.objects.order_by("name"):
        row = counts.get(region.pk, {})
        rows.append(
            {
                "region": region,
                "sent": row.get("sent", 0),
                "answered": row.get("answered", 0),
                "overdue": row.get("overdue", 0),
                "pending": pending.get(region.pk, 0),
            }
        )
    follow_up = list(
        overdue.filter(pk__in=invitations.values("pk"))
        .select_related("platform__region")
        .order_by("sent", "pk")[:limit]
    )
    return {
        "rows": rows,
        "follow_up": follow_up,
        "days": INVITATION_DAYS,
        "may_review": roles.may_review(user),
        "may_invite_all": roles.is_coordinator(user),
        "invitations_url": reverse("admin:proposals_invitation_changelist"),
        "proposals_url": reverse("admin:proposals_proposal_changelist") + "?decision=pending",
        "invite_missing_url": reverse("admin:proposals_invitation_invite_missing"),
    }

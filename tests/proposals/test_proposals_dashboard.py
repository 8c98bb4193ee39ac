"""The front page's invitations and proposals per region, the invitations to follow up, and the
coordinator's invitation of every platform with a missing contact."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outbox.models import Email
from platforms.models import InnovationPlatform
from proposals.dashboard import figures
from proposals.models import Invitation
from proposals.services import invitation_send

pytestmark = pytest.mark.django_db


def invite_many(count, user):
    platforms = InnovationPlatform.objects.published().order_by("pk")[:count]
    for platform in platforms:
        invitation_send(platform=platform, user=user, language="fi", email="x@example.org")


def test_the_dashboard_counts_per_region_and_lists_the_overdue(client, superuser):
    invite_many(3, superuser)
    first = Invitation.objects.order_by("pk").first()
    Invitation.objects.filter(pk=first.pk).update(sent=timezone.now() - timedelta(days=31))
    result = figures(superuser)
    assert sum(row["sent"] for row in result["rows"]) == 3
    assert sum(row["overdue"] for row in result["rows"]) == 1
    assert [i.pk for i in result["follow_up"]] == [first.pk]
    client.force_login(superuser)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Update invitations and proposals by region" in html
    assert first.platform.name in html


def test_the_dashboard_queries_do_not_grow_with_the_invitations(superuser):
    invite_many(2, superuser)
    with CaptureQueriesContext(connection) as few:
        figures(superuser)
    invite_many(20, superuser)
    with CaptureQueriesContext(connection) as many:
        figures(superuser)
    assert len(many) == len(few)


def test_the_coordinator_invites_every_platform_with_a_missing_contact(client, superuser):
    published = InnovationPlatform.objects.published()
    # The real data: no platform has a contact, and none an address to write to.
    assert not published.exclude(contact_email="", contact_phone="").exists()
    one, two = published.order_by("pk")[:2]
    InnovationPlatform.objects.filter(pk=one.pk).update(general_email="info@example.org")
    # Written to in its own language when it serves in Swedish or English but not Finnish.
    InnovationPlatform.objects.filter(pk=two.pk).update(
        general_email="info@two.example", service_languages=["en", "de"]
    )
    client.force_login(superuser)
    response = client.post(
        "/admin/proposals/invitation/invite-missing-contact/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    first, second = Invitation.objects.order_by("platform_id")
    assert first.platform == one and first.email == "info@example.org"
    assert (first.language, second.language) == ("fi", "en")
    assert Email.objects.filter(to="info@example.org").count() == 1
    english = Email.objects.get(to="info@two.example")
    assert "/en/platforms/update/" in english.body
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "2 invitations sent." in messages
    assert f"{published.count() - 2} platforms were left out" in messages[1]


def test_an_officer_may_not_invite_everyone(client, django_user_model):
    from django.contrib.auth.models import Group

    from accounts import roles
    from priorities.models import Region

    officer = django_user_model.objects.create_user("o", "o@example.org", is_staff=True)
    officer.groups.add(Group.objects.get(name=roles.OFFICER))
    officer.regions.add(Region.objects.get(code="19"))
    client.force_login(officer)
    response = client.post("/admin/proposals/invitation/invite-missing-contact/")
    assert response.status_code == 403
    assert not Invitation.objects.exists()

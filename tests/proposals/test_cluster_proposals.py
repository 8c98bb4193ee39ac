"""An editor's change of a published cluster in the admin waits for the officers' review as a
proposed change, as a platform's does; the officer accepts it on the same review page."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts import roles
from clusters.models import Cluster
from entries.models import Status
from proposals.models import Decision, Kind, Proposal
from tests.admin_forms import page_form_data

from .test_update_invitations import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster():
    return Cluster.objects.published().order_by("pk").first()


@pytest.fixture
def editor(django_user_model, cluster):
    user = staff(django_user_model, "editor", roles.EDITOR)
    user.user_permissions.add(Permission.objects.get(codename="change_cluster"))
    cluster.editors.add(user)
    return user


def change_url(cluster):
    return f"/admin/clusters/cluster/{cluster.pk}/change/"


def test_an_editors_change_of_a_published_cluster_waits_and_is_accepted(
    client, cluster, editor, django_user_model
):
    assert cluster.status == Status.PUBLISHED
    client.force_login(editor)
    data = page_form_data(client.get(change_url(cluster), HTTP_ACCEPT_LANGUAGE="en"))
    data.update(contact_name="Klusterin Koordinaattori", contact_email="info@cluster.example")
    response = client.post(change_url(cluster), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.context["adminform"].form.errors
    cluster.refresh_from_db()
    assert cluster.contact_name == ""  # not live
    proposal = Proposal.objects.get()
    assert (proposal.kind, proposal.cluster, proposal.platform) == (Kind.EDITOR, cluster, None)
    assert proposal.region == cluster.region
    assert proposal.values == {
        "contact_name": "Klusterin Koordinaattori",
        "contact_email": "info@cluster.example",
    }

    officer = staff(django_user_model, "officer", roles.OFFICER, cluster.region)
    client.force_login(officer)
    review = client.get(f"/admin/proposals/proposal/{proposal.pk}/change/")
    assert review.status_code == 200 and "Klusterin Koordinaattori" in review.text
    assert change_url(cluster) in review.text
    client.post(f"/admin/proposals/proposal/{proposal.pk}/change/", {"accept": ["contact_name"]})
    cluster.refresh_from_db()
    assert cluster.contact_name == "Klusterin Koordinaattori" and cluster.contact_email == ""
    assert cluster.last_reviewed == timezone.localdate()
    assert cluster.history.first().history_change_reason == f"proposal:{proposal.pk}"
    proposal.refresh_from_db()
    assert proposal.decision == Decision.PARTLY
    history = client.get(f"/admin/clusters/cluster/{cluster.pk}/history/")
    assert 'id="proposals"' in history.text


def test_an_editor_cannot_propose_a_clusters_links_or_name(client, cluster, editor):
    client.force_login(editor)
    data = page_form_data(client.get(change_url(cluster), HTTP_ACCEPT_LANGUAGE="en"))
    data["name_fi"] = "Uusi nimi"
    response = client.post(change_url(cluster), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "waits for the officers&#x27; review" in response.text
    assert not Proposal.objects.exists()


def test_an_editor_cannot_skip_the_review_of_a_cluster_through_the_api(cluster, editor):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    answer = api.patch(
        f"/api/v1/clusters/{cluster.slug}/", {"contact_name": "Ohitus"}, format="json"
    )
    assert answer.status_code == 403
    assert "saved as a proposed change" in str(answer.json())
    cluster.refresh_from_db()
    assert cluster.contact_name == ""

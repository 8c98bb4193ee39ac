"""Officers and a coordinator with e-mail addresses, entries with contacts (factories), and
sending an enquiry through the pages as a company does."""

import re

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from enquiries.services import enquiry_confirm, enquiry_submit
from outbox.delivery import send_due
from platforms.models import InnovationPlatform
from priorities.models import Region
from search import rebuild_index
from tests.factories import ClusterFactory, PlatformFactory

ENQUIRY = {
    "company_name": "Akkutekniikka Oy",
    "business_id": "1572860-0",
    "contact_name": "Maija Meikäläinen",
    "email": "maija@akkutekniikka.example",
    "phone": "+358 40 123 4567",
    "message": "Tarvitsemme akkukennojen testausta pakkasessa ja kierrätyskumppanin.",
    "reply_language": "fi",
    "region": "18",
    "consent": "on",
    "need": "akkujen testaus",
}


@pytest.fixture
def officers(db, django_user_model):
    """A regional officer with an e-mail address for each of the seven regions, and a second
    one for Lapland; ``officers["19"]`` is the list of Lapland's addresses."""
    group = Group.objects.get(name=roles.OFFICER)
    addresses = {}
    for region in Region.objects.all():
        names = [f"officer-{region.code}"] + (["officer-19b"] if region.code == "19" else [])
        for name in names:
            user = django_user_model.objects.create_user(
                name, f"{name}@council.example", is_staff=True
            )
            user.groups.add(group)
            user.regions.add(region)
            addresses.setdefault(region.code, []).append(user.email)
    return addresses


@pytest.fixture
def entries(db):
    """A Kainuu platform with a contact, a Lapland platform without one, and a North Savo
    cluster with a contact, all published and indexed."""
    kainuu, lapland, savo = (Region.objects.get(code=c) for c in ("18", "19", "11"))
    with_contact = PlatformFactory(
        region=kainuu, slug="kylmalabra", name_en="Cold battery lab",
        contact_email="lab@kylmalabra.example",
    )  # fmt: skip
    without = PlatformFactory(region=lapland, slug="pakkasrata", name_en="Frost track")
    cluster = ClusterFactory(
        region=savo, slug="akkuklusteri", name_en="Battery cluster",
        contact_email="cluster@akkuklusteri.example",
    )  # fmt: skip
    rebuild_index(InnovationPlatform.objects.filter(slug__in=["kylmalabra", "pakkasrata"]))
    return {"with_contact": with_contact, "without": without, "cluster": cluster}


KEYS = ["platform:kylmalabra", "platform:pakkasrata", "cluster:akkuklusteri"]


def submitted(*slugs, confirmed=True, **fields):
    """An enquiry to the platforms ``slugs`` written through the service (confirmed: sent)."""
    enquiry = enquiry_submit(
        entries=list(InnovationPlatform.objects.filter(slug__in=slugs)),
        **{
            "company_name": "Oy Testi Ab",
            "contact_name": "Testi",
            "email": "testi@example.fi",
            "message": "Tarvitsemme testausta.",
            "reply_language": "fi",
            "language": "fi",
            **fields,
        },
    )
    if confirmed:
        enquiry_confirm(enquiry=enquiry)
    return enquiry


def post_enquiry(client, keys=KEYS, language="fi", address="192.0.2.20", **fields):
    data = {**ENQUIRY, "offered": keys, "entries": keys, **fields}
    return client.post(f"/{language}/enquiry/", data, REMOTE_ADDR=address)


def link_in(message) -> str:
    """The path of the (first) link of the site in an e-mail."""
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def deliver(mailoutbox):
    """Send what the outbox holds (as the worker would) and return what arrived."""
    send_due()
    return list(mailoutbox)

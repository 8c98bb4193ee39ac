"""The one write path of entries (``entries.services``): rights, validation, the row and its
links, one history record, the search documents — all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models.signals import post_save

from accounts import roles
from elmo.cache import content_token
from entries.models import Status
from entries.services import entries_update, entry_save
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Region
from search import search_entries

pytestmark = pytest.mark.django_db
LAPPI, KAINUU = "19", "18"


@pytest.fixture
def officer(django_user_model):
    call_command("create_officer", "lappi", "--region", LAPPI)
    return django_user_model.objects.get(username="lappi")


def platform_in(code):
    return InnovationPlatform.objects.filter(region__code=code).order_by("pk").first()


def found(word):
    published = InnovationPlatform.objects.published()
    return set(search_entries(published, word).values_list("slug", flat=True))


def test_an_entry_and_its_links_are_saved_with_one_record_and_found(officer):
    platform = platform_in(LAPPI)
    host = Organisation.objects.exclude(platforms=platform).first()
    records = platform.history.count()
    platform.name_fi = "Revontulilaboratorio Zyxvor"
    entry_save(entry=platform, links={"hosts": [*platform.hosts.all(), host]}, user=officer)
    platform.refresh_from_db()
    assert host in platform.hosts.all()
    assert platform.history.count() == records + 1
    assert platform.slug in found("zyxvor")


def test_a_refused_or_invalid_save_writes_nothing(officer):
    platform = platform_in(KAINUU)
    platform.name_fi = "Ei minun alueeni"
    with pytest.raises(roles.Refusal):
        entry_save(entry=platform, user=officer)
    own = platform_in(LAPPI)
    before = own.history.count()
    own.name_fi = "Kelvoton"
    own.latitude = 12  # not in Finland
    with pytest.raises(ValidationError):
        entry_save(entry=own, user=officer)
    assert InnovationPlatform.objects.get(pk=platform.pk).name_fi != "Ei minun alueeni"
    assert InnovationPlatform.objects.get(pk=own.pk).name_fi != "Kelvoton"
    assert own.history.count() == before


def test_a_move_to_another_region_and_publishing_follow_the_rights(officer):
    draft = platform_in(LAPPI)
    draft.status = Status.DRAFT
    entry_save(entry=draft)  # no user: a command of the maintainers
    draft.region = Region.objects.get(code=KAINUU)
    with pytest.raises(roles.Refusal) as refusal:
        entry_save(entry=draft, user=officer)
    assert refusal.value.field == "region"
    draft.region = Region.objects.get(code=LAPPI)
    draft.status = Status.PUBLISHED
    entry_save(entry=draft, user=officer)
    assert InnovationPlatform.objects.get(pk=draft.pk).first_published is not None


def test_a_workflow_action_changes_what_the_user_may_and_counts_the_rest(officer):
    chosen = InnovationPlatform.objects.filter(region__code__in=[LAPPI, KAINUU])
    result = entries_update(entries=chosen, user=officer, reviewed=True)
    assert {p.region.code for p in result.changed} == {LAPPI}
    assert result.skipped == chosen.filter(region__code=KAINUU).count()


def test_a_history_record_does_not_change_the_content_token():
    platform = InnovationPlatform.objects.first()
    record = platform.history.first()
    token = content_token()
    post_save.send(sender=type(record), instance=record, created=True)
    assert content_token() == token
    post_save.send(sender=InnovationPlatform, instance=platform, created=False)
    assert content_token() != token

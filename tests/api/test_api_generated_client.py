"""A partner's client generated from the schema alone works: openapi-python-client makes a
Python package from ``/api/v1/schema/`` of a live server, and a partner's incremental sync runs
with it, unchanged — pull everything, change entries through the API as staff, pull what
changed (``modified_after``), drop what was withdrawn — and ends with the registry's data.
"""

import importlib
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.utils import timezone

from entries.models import Status
from platforms.models import InnovationPlatform

pytestmark = pytest.mark.slow

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "elmo_registry_client"


@pytest.fixture
def generated(live_api, tmp_path):
    """The client package, generated from the live server's schema into a temporary folder."""
    with urllib.request.urlopen(f"{live_api}/api/v1/schema/?format=json") as answer:  # noqa: S310
        (tmp_path / "schema.json").write_bytes(answer.read())
    # No formatting hooks: the code is used exactly as generated.
    (tmp_path / "config.json").write_text(json.dumps({"post_hooks": []}))
    subprocess.run(  # noqa: S603 (the generator of this virtualenv)
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(tmp_path / "schema.json"),
            "--config",
            str(tmp_path / "config.json"),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield lambda name: importlib.import_module(f"{PACKAGE}.{name}")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


class Mirror:
    """A partner's copy of the platforms, kept with the generated client alone."""

    def __init__(self, client, module):
        self.client = client
        self.module = module
        self.platforms = {}  # id -> the generated Platform model
        self.last_sync = None

    def pages(self, operation, **query):
        page = 1
        while True:
            answer = operation.sync(client=self.client, page=page, page_size=7, **query)
            yield from answer.results
            if not answer.next_:
                return
            page += 1

    def sync(self):
        started = timezone.now()
        query = {"modified_after": self.last_sync} if self.last_sync else {}
        for platform in self.pages(self.module("api.platforms.platforms_list"), **query):
            self.platforms[platform.id] = platform
        if self.last_sync:
            withdrawn = self.module("api.platforms.platforms_withdrawn_list")
            for gone in self.pages(withdrawn, **query):
                self.platforms.pop(gone.id, None)
        self.last_sync = started


def test_a_generated_client_keeps_an_exact_copy(live_api, live_staff_token, generated):
    client_module = generated("client")
    reader = client_module.Client(base_url=live_api, raise_on_unexpected_status=True)
    staff = client_module.AuthenticatedClient(
        base_url=live_api, token=live_staff_token, prefix="Token", raise_on_unexpected_status=True
    )
    mirror = Mirror(reader, generated)
    mirror.sync()
    assert len(mirror.platforms) == InnovationPlatform.objects.published().count() > 30

    # Changes as staff, through the generated client: a text, a new published platform, and
    # a platform archived (withdrawn from the public).
    models = generated("models")
    update = generated("api.platforms.platforms_partial_update")
    create = generated("api.platforms.platforms_create")
    changed = update.sync(
        "lumi-supercomputer",
        client=staff,
        body=models.PatchedPlatformRequest(
            name=models.PatchedPlatformRequestName(en="LUMI, changed by a partner test")
        ),
    )
    assert changed.name.en == "LUMI, changed by a partner test"
    created = create.sync(
        client=staff,
        body=models.PlatformRequest.from_dict(
            {
                "slug": "talvitestirata",
                "name": {"fi": "Talvitestirata", "en": "Winter test track"},
                "summary": {"fi": "Jäärata ajoneuvojen talvitestaukseen."},
                "platform_type": "testing_piloting",
                "region": "19",
                "priorities": ["clean-tech"],
                "hosts": ["university-of-lapland"],
                "latitude": 67.95,
                "longitude": 23.68,
                "status": "published",
            }
        ),
    )
    assert created.slug == "talvitestirata"
    archived = update.sync(
        "gtk-mintec",
        client=staff,
        body=models.PatchedPlatformRequest.from_dict({"status": "archived"}),
    )
    assert archived.status.value == "archived"

    mirror.sync()
    published = InnovationPlatform.objects.published()
    assert set(mirror.platforms) == set(published.values_list("pk", flat=True))
    for platform in published:
        copy = mirror.platforms[platform.pk]
        assert (copy.slug, copy.name.fi, copy.name.en, copy.updated) == (
            platform.slug,
            platform.name_fi,
            platform.name_en or None,
            platform.updated,
        )
    assert InnovationPlatform.objects.get(slug="gtk-mintec").status == Status.ARCHIVED

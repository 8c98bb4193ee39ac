"""Every table of the content apps is in a snapshot: as a section, or as the links of one; and
every column of a link table, as the link itself or as a text of it."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from elmo import i18n
from platforms.models import PlatformService
from snapshot.layout import BY_NAME, SECTIONS, Section, layout

from .helpers import content_models


def test_every_content_model_is_a_section_or_a_link_table():
    in_snapshot = {section.model for section in SECTIONS} | {
        link.through for section in SECTIONS for link in layout(section).links
    }
    left_out = sorted(m._meta.label for m in content_models() if m not in in_snapshot)
    assert left_out == []


def test_every_column_of_a_link_table_is_in_the_snapshot():
    for section in SECTIONS:
        spec = layout(section)
        for link in spec.links:
            written = {"id", link.source, link.target, *link.texts, *i18n.columns(*link.texts)}
            columns = {f.attname for f in link.through._meta.concrete_fields}
            assert columns == written, link.through.__name__
            assert set(link.text_members.values()) <= spec.names
    services = next(link for link in layout(BY_NAME["platforms"]).links if link.name == "services")
    assert services.through is PlatformService
    assert services.text_members == {"offer_text": "services_offer_text"}


@isolate_apps("snapshot")
def test_a_link_table_with_a_column_of_another_kind_stops_the_export():
    class Tag(models.Model):  # noqa: DJ008 (a model of this test only)
        class Meta:
            app_label = "snapshot"

    class Tagging(models.Model):  # noqa: DJ008 (a model of this test only)
        thing = models.ForeignKey("Thing", on_delete=models.CASCADE)
        tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
        weight = models.PositiveSmallIntegerField(default=1)

        class Meta:
            app_label = "snapshot"

    class Thing(models.Model):  # noqa: DJ008 (a model of this test only)
        tags = models.ManyToManyField(Tag, through=Tagging)

        class Meta:
            app_label = "snapshot"

    with pytest.raises(RuntimeError, match="cannot hold the columns of Tagging"):
        layout(Section("things", Thing, None))

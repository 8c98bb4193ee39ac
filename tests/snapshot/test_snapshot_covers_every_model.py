"""Every table of the content apps is in a snapshot: as a section, or as the links of one."""

from snapshot.layout import SECTIONS, layout

from .helpers import content_models


def test_every_content_model_is_a_section_or_a_link_table():
    in_snapshot = {section.model for section in SECTIONS} | {
        link.through for section in SECTIONS for link in layout(section).links
    }
    left_out = sorted(m._meta.label for m in content_models() if m not in in_snapshot)
    assert left_out == []

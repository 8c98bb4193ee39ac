"""import_registry refuses what it cannot restore completely, and then writes nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from snapshot import reader

from .helpers import canonical_dump, content_models, empty_registry, export, read, rows, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(tmp_path):
    """The real data as a snapshot, and an empty registry to import it into."""
    path = export(tmp_path / "registry.json", "--feedback")
    empty_registry()
    return read(path)


def refused(path, *args):
    with pytest.raises(CommandError) as error:
        call_command("import_registry", str(path), *args, stdout=io.StringIO())
    return str(error.value)


def assert_registry_empty():
    assert {m._meta.label: rows(m).count() for m in content_models() if rows(m).exists()} == {}


@pytest.mark.parametrize("version", [3, 0, "2", True, None])
def test_another_version_is_refused(tmp_path, snapshot, version):
    message = refused(write(tmp_path / "other.json", {**snapshot, "version": version}))
    assert f"format version {version!r}" in message
    assert "reads versions 1 and 2" in message
    assert_registry_empty()


def test_another_format_is_refused(tmp_path, snapshot):
    message = refused(write(tmp_path / "other.json", {**snapshot, "format": "something-else"}))
    assert "not an ELMO registry snapshot" in message
    assert_registry_empty()


@pytest.mark.parametrize(
    ("section", "field", "value", "expected"),
    [
        ("platforms", "hosts", ["no-such-organisation"], "there is no organisation"),
        ("platforms", "region", "99", "region: there is no region '99'"),
        ("clusters", "members", ["no-such-platform"], "there is no innovation platform"),
        ("priorities", "strategy", "no-such-strategy", "there is no strategy"),
    ],
)
def test_a_dangling_reference_is_refused_naming_the_object(
    tmp_path, snapshot, section, field, value, expected
):
    row = snapshot["data"][section][-1]
    counts = snapshot["counts"]
    if isinstance(row[field], list):
        counts[f"{section}.{field}"] += len(value) - len(row[field])
    row[field] = value

    message = refused(write(tmp_path / "dangling.json", snapshot))

    assert f"{section} '{row['slug']}'" in message
    assert expected in message
    assert "Nothing was imported" in message
    assert_registry_empty()


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["testing"], "services_offer_text must be an object of services keys"),
        (
            {"no-such-service": {"fi": "Testausta"}},
            "services_offer_text: 'no-such-service' is not one of its services",
        ),
        (
            {"<linked>": {"fi": "Testausta", "de": "Testen"}},
            "services_offer_text: '<linked>': must be an object with the languages fi, sv, en",
        ),
        (
            {"<linked>": {"fi": 7}},
            "services_offer_text: '<linked>': must be an object with the languages fi, sv, en",
        ),
        (
            {"<linked>": "Testausta"},
            "services_offer_text: '<linked>': must be an object with the languages fi, sv, en",
        ),
    ],
)
def test_bad_texts_of_links_are_refused_naming_the_row_and_the_field(
    tmp_path, snapshot, texts, expected
):
    platform = next(p for p in snapshot["data"]["platforms"] if p["services"])
    linked = platform["services"][0]
    if isinstance(texts, dict):
        texts = {linked if k == "<linked>" else k: v for k, v in texts.items()}
    platform["services_offer_text"] = texts

    message = refused(write(tmp_path / "bad-texts.json", snapshot))

    assert f"platforms '{platform['slug']}': " + expected.replace("<linked>", linked) in message
    assert "Nothing was imported" in message
    assert_registry_empty()


def test_a_row_the_database_refuses_rolls_everything_back(tmp_path, snapshot):
    # Regions, strategies… are written before the platforms; none of them may stay.
    snapshot["data"]["platforms"][-1]["status"] = "lost"
    message = refused(write(tmp_path / "bad-status.json", snapshot))
    assert "The database refused one of platforms" in message
    assert "platform_status_valid" in message
    assert_registry_empty()


def test_a_value_of_the_wrong_type_is_refused_naming_the_field(tmp_path, snapshot):
    platform = snapshot["data"]["platforms"][0]
    platform["latitude"] = "north"
    message = refused(write(tmp_path / "bad-value.json", snapshot))
    assert f"platforms '{platform['slug']}': latitude:" in message
    assert_registry_empty()


def test_counts_that_do_not_match_the_data_are_refused(tmp_path, snapshot):
    snapshot["data"]["platforms"].pop()
    message = refused(write(tmp_path / "short.json", snapshot))
    assert "platforms: counts say 42, the data holds 41" in message
    assert_registry_empty()


def test_a_cut_off_file_is_refused(tmp_path, snapshot):
    text = (tmp_path / "registry.json").read_text(encoding="utf-8")
    (tmp_path / "cut.json").write_text(text[: len(text) // 2], encoding="utf-8")
    assert "This is not a snapshot" in refused(tmp_path / "cut.json")
    assert_registry_empty()


def test_a_registry_with_content_is_refused_without_replace(tmp_path):
    before = canonical_dump()
    path = export(tmp_path / "registry.json")
    message = refused(path)
    assert "The registry is not empty (7 regions" in message
    assert "--replace" in message
    assert canonical_dump() == before


def test_the_reader_finds_the_same_parts_in_any_layout_and_chunk_size(tmp_path, monkeypatch):
    path = export(tmp_path / "registry.json")
    compact = path.read_text(encoding="utf-8")
    whole = read(path)
    spread = json.dumps(whole, indent=3, separators=(" ,", " :\n "), ensure_ascii=False)
    # Tiny chunks: every value and every separator is cut between two reads somewhere.
    monkeypatch.setattr(reader, "CHUNK", 7)
    monkeypatch.setattr(reader, "LOOKAHEAD", 3)
    for text in (compact, spread):
        events = list(reader.read_events(io.StringIO(text)))
        assert [(k, n) for k, n, _v in events if k == "section"] == [
            ("section", name) for name in whole["data"]
        ]
        found = {name: [] for name in whole["data"]}
        for kind, name, value in events:
            if kind == "row":
                found[name].append(value)
        assert found == whole["data"]
        assert ("value", "counts", whole["counts"]) in events

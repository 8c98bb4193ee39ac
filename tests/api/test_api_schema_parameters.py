"""The schema describes every operation as the server runs it: the query parameters it
declares are the ones the server accepts (any other is a 400 naming it), each with its real
type and a description; every operation has a summary; reads need no credentials."""

import re

import pytest

pytestmark = pytest.mark.django_db

# A detail of each kind, for the operations whose path has a slug.
SLUGS = {
    "regions": "lappi",
    "strategies": "ip-area-2024",
    "priorities": "circular-economy",
    "organisations": "university-of-oulu",
    "services": "testing",
    "platforms": "lumi-supercomputer",
    "clusters": "ouluhealth",
    "pilots": "adma-energy",
    "ecosystems": "digital",
}
# Finnish words an English description must not hold (the models' Finnish names, say).
FINNISH = re.compile(r"[äöÄÖ]|\b(nimi|tyyppi|järjestys|alue|osoite|kuvaus|tila)\b", re.I)


@pytest.fixture
def schema(api):
    return api.get("/api/v1/schema/", {"format": "json"}).json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def address(path):
    kind = path.split("/")[3]
    return path.replace("{slug}", SLUGS.get(kind, ""))


def test_each_read_accepts_exactly_the_parameters_it_declares(api, schema):
    reads = [(p, o) for p, m, o in operations(schema) if m == "get"]
    assert len(reads) >= 20
    for path, operation in reads:
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        answer = api.get(address(path), {"regionn": "19"})
        assert answer.status_code == 400, path
        message = answer.json()["regionn"][0]
        accepted = set(message.removesuffix(".").split("Accepted: ")[1].split(", ")) - {"-"}
        assert accepted == declared, path


def test_a_misspelt_parameter_is_named_with_the_accepted_ones(api):
    answer = api.get("/api/v1/platforms/", {"regionn": "19"})
    assert answer.status_code == 400
    body = answer.json()
    assert body["detail"] == "Invalid input."
    assert body["regionn"] == [
        "Unknown parameter. Accepted: _, access, bbox, cluster, format, host_kind, include, "
        "lang, modified_after, month, ordering, organisation, page, page_size, pilot, priority, "
        "q, region, remote, service, strategy, town, trl, type."
    ]
    # In Finnish when the client asks for it.
    answer = api.get("/api/v1/platforms/", {"regionn": "19"}, HTTP_ACCEPT_LANGUAGE="fi")
    assert answer.json()["regionn"][0].startswith("Tuntematon parametri.")
    # The search and the match check theirs too.
    assert api.get("/api/v1/search/", {"q": "lumi", "typ": "cluster"}).status_code == 400


def test_parameters_have_real_types_and_descriptions(schema):
    for path, method, operation in operations(schema):
        assert operation.get("summary"), (method, path)
        for parameter in operation.get("parameters", []):
            where = (method, path, parameter["name"])
            assert parameter.get("description"), where
            assert not FINNISH.search(parameter["description"]), where
            types = parameter["schema"]
            assert types.get("type") in {"string", "integer", "number", "array"}, where
            if types["type"] == "array":
                assert types["items"]["type"] in {"string", "number"}, where
    platforms = {p["name"]: p for p in schema["paths"]["/api/v1/platforms/"]["get"]["parameters"]}
    assert platforms["region"]["schema"]["items"]["enum"][:2] == ["10", "11"]
    assert "lappi" in platforms["region"]["schema"]["items"]["enum"]
    assert (
        platforms["page_size"]["schema"] | {"minimum": 1, "maximum": 200}
        == (platforms["page_size"]["schema"])
    )
    assert platforms["modified_after"]["schema"]["format"] == "date-time"
    assert platforms["lang"]["schema"]["enum"] == ["en", "fi", "sv"]
    assert platforms["bbox"]["schema"]["minItems"] == 4
    assert platforms["bbox"]["explode"] is False


def test_reads_are_open_and_writes_need_a_token(schema):
    for path, method, operation in operations(schema):
        if method == "get":
            assert {} in operation["security"], path
        else:
            assert {} not in operation["security"], path
            assert "parameters" not in operation or all(
                p["in"] == "path" for p in operation["parameters"]
            ), path


def test_every_error_is_the_shared_component(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for path, method, operation in operations(schema):
        statuses = {s for s in operation["responses"] if s[0] in "45"}
        assert {"400", "401", "414", "429", "503"} <= statuses, (method, path)
        for status in statuses:
            assert operation["responses"][status]["content"] == {
                "application/json": {"schema": error}
            }
        if method == "get":
            assert "304" in operation["responses"]
        else:
            assert {"403", "409", "415"} <= statuses
            created = [s for s in operation["responses"] if s.startswith("2")]
            for status in created:
                assert list(operation["responses"][status]["content"]) == ["application/json"]


def test_translated_texts_are_objects_when_written(schema):
    request = schema["components"]["schemas"]["PatchedPlatformRequest"]["properties"]
    assert request["name"]["type"] == "object"
    assert request["region"] == {"$ref": "#/components/schemas/RegionCode"}
    assert schema["components"]["schemas"]["RegionCode"]["enum"][0] == "10"
    assert request["latitude"]["minimum"] == 59.3 and request["latitude"]["maximum"] == 70.1
    response = schema["components"]["schemas"]["Platform"]["properties"]
    assert "oneOf" in response["name"]

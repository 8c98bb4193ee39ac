"""The hostile-request corpus: payload lists crossed with every place that takes input.

Each entry is a ``Hostile`` request; ``test_hostile_requests.py`` sends every one and checks
that the answer is a 4xx or a normal page (never a 5xx), that no marker below comes back as
live HTML, and that the API's errors are JSON. An entry may also name the answer it expects
(``expect="4xx"``, ``expect="403"``).

Paths are given as a browser would send them (percent-encoded; the test client decodes them
to bytes as a WSGI server does). With ``raw=True`` path and query are the bytes on the wire,
written as latin-1 characters, and go into the WSGI environ untouched; with ``wsgi=True`` the
request goes through ``elmo.wsgi.application`` as a server calls it.
"""

import json
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote, urlencode

# Any of these in a response body means input came back unescaped. Each has a double quote,
# which JSON escapes too, so an API error that quotes the input does not count.
MARKERS = (
    '<script>alert("x1")</script>',
    '"><img src=x onerror=alert("x2")>',
    '\'"><svg/onload=alert("x3")>',
    '</textarea></title><script>alert("x4")</script>',
)
# In an HTML page not even these may appear, whatever happened to the quotes.
HTML_FRAGMENTS = ("<script>alert(", "<img src=x onerror", "<svg/onload")

XSS, XSS_ATTR, XSS_SVG, XSS_CLOSE = MARKERS

# Free text: search words, names, messages.
TEXTS = {
    "xss-script": XSS,
    "xss-attribute": XSS_ATTR,
    "xss-svg": XSS_SVG,
    "xss-close-tags": XSS_CLOSE,
    "sql-or": "' OR '1'='1' --",
    "sql-union": "x' UNION SELECT password, username FROM accounts_user --",
    "sql-stacked": "1; DROP TABLE platforms_innovationplatform; --",
    "tsquery-syntax": "akku & !kenno | (lumi <-> :*) \\ ' \"",
    "like-wildcards": "%%_\\%_",
    "long-10k": "a" * 10_000,
    "long-words": "akku OR " * 500,
    "nul": "akku\x00kenno",
    "control-characters": "\x01\x1b[31m\r\n\t\x7f",
    "bidi-zero-width": "\u202e\u200b\ufeffakku",
    "emoji": "🔋🧪👩‍🔬",
    "combining-marks": "Z̴̡͎a̷͍l̵̜g̶o̸",
    "superscript-digits": "²³",
    "template-syntax": "{{ settings.SECRET_KEY }}{% debug %}${7*7}",
    "format-string": "%s%n%x{0}{!r}",
    "path-traversal": "../../../../etc/passwd",
    "crlf-header": "x\r\nSet-Cookie: hostile=1",
    "operator-object": '{"$where": "1"}',
    "negation-only": "-akku -kenno",
    "or-only": "OR OR OR",
}
# A smaller set for the parameters that take codes, slugs or choices.
SHORT = ("xss-script", "xss-attribute", "sql-or", "long-10k", "superscript-digits", "crlf-header")

NUMBERS = {
    "negative": "-1",
    "zero": "0",
    "huge": "9" * 30,
    "over-int-digit-limit": "9" * 5000,
    "fraction": "2.5",
    "exponent": "1e308",
    "nan": "NaN",
    "infinity": "Infinity",
    "superscript": "²",
    "arabic-indic": "١٠",
    "hex": "0x10",
    "padded": " 5 ",
    "empty": "",
    "sql": "1 OR 1=1",
    "xss": XSS,
}

DATES = {
    "year-0": "0000-01-01T00:00:00Z",
    "year-1-east": "0001-01-01T00:00:00+14:00",
    "year-9999-west": "9999-12-31T23:59:59-23:59",
    "year-10000": "10000-01-01",
    "month-13": "2024-13-45T25:61:61",
    "epoch-seconds": "1700000000",
    "words": "yesterday",
    "xss": XSS,
}

BBOXES = {
    "nan": "nan,nan,nan,nan",
    "infinity": "-inf,-inf,inf,inf",
    "overflow": "1e999,1e999,1e999,1e999",
    "three": "24,64,30",
    "five": "24,64,30,66,1",
    "reversed": "30,66,24,64",
    "out-of-range": "-999,-999,999,999",
    "xss": XSS_ATTR,
}

# Odd slugs, as they would be typed into the address (percent-encoded).
SLUGS = {
    "xss": quote(XSS, safe=""),
    "sql": quote("lumi-supercomputer' OR '1'='1", safe=""),
    "long": "a" * 5000,
    "non-ascii": "%C3%A4lyk%C3%A4s-kaupunki",
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "nul": "%00",
    "latin1-bytes": "%E4%F6",
    "overlong-utf8": "%C0%AE%C0%AE",
    "huge-number": "9" * 30,
    "newline": "lumi-supercomputer%0A",
    "bad-percent": "%ZZ",
}

# Query strings sent as they stand.
RAW_QUERIES = {
    "latin1-percent": "q=%E4%F6",
    "bad-percent": "q=%ZZ%",
    "truncated-utf8": "q=%C3",
    "overlong-utf8": "q=%C0%AE%C0%AE%2F",
    "surrogate-utf8": "q=%ED%A0%80",
    "ff-key": "%FF%FE=1",
    "bare-percents": "%=%&%%=%%",
    "repeated-region": "region=19&" * 300,
    "semicolons": "q=akku;region=19;;;",
    "empty-keys": "&&&=&==&",
    "array-syntax": "q[]=akku&q[$ne]=x",
}
# The CSRF cookie a client holds, and a token that is not its own (64 characters: masked).
CSRF_SECRET = "H0stileCsrfSecretH0stileCsrfSecr"
FORGED_TOKEN = "F0rged" * 10 + "F0rg"
# More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS allows.
TOO_MANY_FIELDS = "&".join(f"x{i}=1" for i in range(1500))


@dataclass(frozen=True)
class Hostile:
    name: str
    method: str = "GET"
    path: str = "/"
    query: str = ""
    body: bytes = b""
    content_type: str = ""
    headers: tuple = ()  # (("Accept-Language", "…"), …)
    # anonymous | browser (CSRF enforced) | staff_token | staff_session (CSRF enforced)
    client: str = "anonymous"
    # For the CSRF-enforcing clients: valid | missing | forged | forged_in_form | cookie_only |
    # bad_cookie (the token in the X-CSRFToken header, or in the body for forged_in_form)
    csrf: str = "valid"
    raw: bool = False
    wsgi: bool = False
    expect: str = ""

    def __str__(self):
        return self.name


def date_expect(name):
    """A time with an offset is read; one beyond what a time can hold (year 1 east of UTC, year
    9999 west of it) is before or after every change, and answered as such."""
    return "2xx" if name in ("year-1-east", "year-9999-west") else "400"


def q(**params):
    return urlencode(params)


def form(**fields):
    return urlencode(fields).encode()


def as_json(value):
    return json.dumps(value).encode()


# --- public pages ---------------------------------------------------------------------------

SITE_FILTERS = {
    "/fi/platforms/": ("region", "priority", "type", "service", "host_kind", "sort"),
    "/sv/clusters/": ("region", "priority", "ecosystem"),
}
DETAIL_PAGES = ("platforms", "clusters", "regions", "priorities", "organisations")


def site_pages():
    for name, text in TEXTS.items():
        expect = "400" if name == "nul" else ""
        yield Hostile(
            f"platform-search q {name}", path="/fi/platforms/", query=q(q=text), expect=expect
        )
    for name in ("xss-script", "xss-close-tags", "sql-union", "long-10k", "tsquery-syntax", "nul"):
        expect = "400" if name == "nul" else ""
        yield Hostile(
            f"cluster-list q {name}", path="/sv/clusters/", query=q(q=TEXTS[name]), expect=expect
        )
    for path, params in SITE_FILTERS.items():
        for param in params:
            for name in SHORT:
                yield Hostile(f"{path} {param} {name}", path=path, query=q(**{param: TEXTS[name]}))
            yield Hostile(
                f"{path} {param} comma-noise",
                path=path,
                query=q(**{param: f",,,19, ,{XSS},lappi,,"}),
            )
    for name, value in NUMBERS.items():
        yield Hostile(f"platform-search page {name}", path="/fi/platforms/", query=q(page=value))
    for name in ("negative", "huge", "over-int-digit-limit", "superscript", "xss"):
        yield Hostile(
            f"cluster-list page {name}", path="/sv/clusters/", query=q(page=NUMBERS[name])
        )
        yield Hostile(f"sitemap p {name}", path="/sitemap.xml", query=q(p=NUMBERS[name]))
        yield Hostile(
            f"sitemap page p {name}", path="/sitemap-platforms.xml", query=q(p=NUMBERS[name])
        )
    for name, query in RAW_QUERIES.items():
        yield Hostile(f"platform-search raw query {name}", path="/fi/platforms/", query=query)
    yield Hostile(
        "platform-search too many fields",
        path="/fi/platforms/",
        query=TOO_MANY_FIELDS,
        expect="400",
    )
    yield Hostile(
        "platform-search every filter at once",
        path="/fi/platforms/",
        query=q(q=XSS, region=XSS_ATTR, priority="'", type="x", service="%", host_kind=XSS_SVG)
        + "&sort=updated&page=-5",
    )
    for page in DETAIL_PAGES:
        for name, slug in SLUGS.items():
            # NUL is refused before any view; the other odd slugs find no entry.
            expect = "400" if name == "nul" else "404"
            yield Hostile(f"{page} detail slug {name}", path=f"/en/{page}/{slug}/", expect=expect)
    yield Hostile("home with query", path="/fi/", query=q(q=XSS, page="-1"))
    yield Hostile("unknown language prefix", path="/xx/platforms/", expect="404")
    yield Hostile("no language prefix redirects", path="/platforms/", query=q(q=XSS), expect="3xx")
    yield Hostile(
        "no language prefix with CRLF in the query",
        path="/platforms/",
        query="q=x%0D%0ASet-Cookie:%20hostile=1",
        expect="3xx",
    )
    yield Hostile("region boundaries by POST", method="POST", path="/map/regions.geojson")
    yield Hostile("robots.txt by DELETE", method="DELETE", path="/robots.txt", expect="405")


HEADERS = {
    "accept-language garbage": ("Accept-Language", "xx-<script>;q=abc, " * 200),
    "accept-language huge": ("Accept-Language", "fi," * 5000),
    "host with markup": ("Host", 'evil.example"><script>alert("x1")</script>'),
    "host port overflow": ("Host", "testserver:99999999999999999999"),  # a valid host
    "if-modified-since garbage": ("If-Modified-Since", "Sat, 99 Foo 99999 99:99:99 GMT"),
    "if-none-match huge": ("If-None-Match", '"' + "x" * 10_000 + '"'),
    "cookie garbage": ("Cookie", 'sessionid=<script>; csrftoken="%00%ff"; =;;; a'),
    "cookie huge": ("Cookie", "a=" + "b" * 20_000),
    "referer markup": ("Referer", XSS_ATTR),
    "user-agent nul": ("User-Agent", "Mozilla\x00"),
    "x-forwarded-host": ("X-Forwarded-Host", 'evil.example"><b>'),
    "accept garbage": ("Accept", "application/json;q=abc, */*;q=, ;;;"),
}


def with_headers():
    for name, header in HEADERS.items():
        expect = "400" if name == "host with markup" else ""
        for path in ("/fi/", "/api/v1/platforms/"):
            yield Hostile(f"{path} header {name}", path=path, headers=(header,), expect=expect)
    yield Hostile(
        "api accept xml",
        path="/api/v1/platforms/",
        headers=(("Accept", "application/xml"),),
        expect="406",
    )
    yield Hostile(
        "api accept html", path="/api/v1/regions/", headers=(("Accept", "text/html"),), expect="406"
    )
    for name, value in {
        "nul": "Token a\x00b",
        "long": "Token " + "a" * 10_000,
        "markup": "Token " + XSS,
        "latin1": "Token \xe4\xf6",
        "empty token": "Token ",
        "unknown scheme": "Bearer " + XSS_ATTR,  # not a token: read anonymously
    }.items():
        yield Hostile(
            f"api authorization {name}",
            path="/api/v1/platforms/",
            headers=(("Authorization", value),),
            expect={"unknown scheme": "2xx", "nul": "400"}.get(name, "401"),
        )


# --- the API: reads ---------------------------------------------------------------------------

PLATFORM_PARAMS = (
    "q", "region", "priority", "type", "service", "host_kind", "strategy", "organisation",
    "cluster", "pilot", "town", "ordering", "include", "lang",
)  # fmt: skip


def api_reads():
    for param in PLATFORM_PARAMS:
        for name in ("xss-script", "sql-or", "long-10k", "superscript-digits"):
            yield Hostile(
                f"api platforms {param} {name}",
                path="/api/v1/platforms/",
                query=q(**{param: TEXTS[name]}),
            )
    for name, value in NUMBERS.items():
        yield Hostile(f"api platforms page {name}", path="/api/v1/platforms/", query=q(page=value))
        yield Hostile(
            f"api platforms page_size {name}",
            path="/api/v1/platforms/",
            query=q(page_size=value),
            expect="400",
        )
    for name, value in DATES.items():
        yield Hostile(
            f"api platforms modified_after {name}",
            path="/api/v1/platforms/",
            query=q(modified_after=value),
            expect=date_expect(name),
        )
        yield Hostile(
            f"api withdrawn modified_after {name}",
            path="/api/v1/platforms/withdrawn/",
            query=q(modified_after=value),
            expect=date_expect(name),
        )
    for name in ("year-1-east", "year-9999-west", "xss"):
        yield Hostile(
            f"api clusters modified_after {name}",
            path="/api/v1/clusters/",
            query=q(modified_after=DATES[name]),
            expect=date_expect(name),
        )
        yield Hostile(
            f"api organisations modified_after {name}",
            path="/api/v1/organisations/",
            query=q(modified_after=DATES[name]),
            expect=date_expect(name),
        )
    for name, value in BBOXES.items():
        yield Hostile(
            f"api platforms bbox {name}",
            path="/api/v1/platforms/",
            query=q(bbox=value),
            # A box whose minimum lies beyond its maximum is well formed and holds nothing.
            expect="2xx" if name == "reversed" else "400",
        )
    for name, value in {
        "xml": "xml",
        "api": "api",
        "upper-case": "CSV",
        "traversal": "../json",
        "markup": XSS,
        "twice": "csv&format=geojson",
    }.items():
        yield Hostile(
            f"api platforms format {name}",
            path="/api/v1/platforms/",
            query=f"format={quote(value, safe='&=')}",
        )
    for name in ("xss-script", "long-10k"):
        yield Hostile(
            f"api csv export with bad include {name}",
            path="/api/v1/platforms/",
            query=q(format="csv", include=TEXTS[name]),
            expect="400",
        )
        yield Hostile(
            f"api geojson export with bad lang {name}",
            path="/api/v1/clusters/",
            query=q(format="geojson", lang=TEXTS[name]),
            expect="400",
        )
    for param in ("q", "region", "ecosystem", "platform", "organisation", "include", "ordering"):
        yield Hostile(
            f"api clusters {param} xss", path="/api/v1/clusters/", query=q(**{param: XSS})
        )
    for param in ("region", "kind"):
        yield Hostile(
            f"api organisations {param} xss", path="/api/v1/organisations/", query=q(**{param: XSS})
        )
    yield Hostile("api priorities strategy xss", path="/api/v1/priorities/", query=q(strategy=XSS))
    for name, query in RAW_QUERIES.items():
        yield Hostile(f"api platforms raw query {name}", path="/api/v1/platforms/", query=query)
    yield Hostile(
        "api platforms too many fields",
        path="/api/v1/platforms/",
        query=TOO_MANY_FIELDS,
        expect="400",
    )
    for name, text in TEXTS.items():
        expect = "400" if name in ("nul", "long-10k", "long-words") else "2xx"
        yield Hostile(
            f"api search q {name}", path="/api/v1/search/", query=q(q=text), expect=expect
        )
    for name in (
        "xss-script",
        "sql-or",
        "long-10k",
        "tsquery-syntax",
        "nul",
        "emoji",
        "negation-only",
    ):
        expect = "400" if name in ("nul", "long-10k") else "2xx"
        yield Hostile(
            f"api autocomplete q {name}",
            path="/api/v1/search/autocomplete/",
            query=q(q=TEXTS[name]),
            expect=expect,
        )
    for param in ("type", "lang"):
        for name in ("xss-script", "long-10k", "crlf-header"):
            yield Hostile(
                f"api search {param} {name}",
                path="/api/v1/search/",
                query=q(q="akku", **{param: TEXTS[name]}),
                expect="400",
            )
    yield Hostile(
        "api autocomplete lang xss",
        path="/api/v1/search/autocomplete/",
        query=q(q="ak", lang=XSS),
        expect="400",
    )
    yield Hostile("api search raw latin1", path="/api/v1/search/", query="q=%E4%F6&lang=%FF")
    for endpoint in ("platforms", "clusters", "organisations", "regions"):
        for name, slug in {
            "huge-number": "9" * 30,
            "bigint-edge": "9223372036854775808",
            "negative": "-1",
            "long": "a" * 5000,
            "non-ascii": "%C3%A4",
            "markup": quote(XSS_ATTR, safe=""),
        }.items():
            yield Hostile(
                f"api {endpoint} detail {name}", path=f"/api/v1/{endpoint}/{slug}/", expect="404"
            )
    yield Hostile("api detail zero-padded id", path=f"/api/v1/platforms/{'0' * 20}1/", expect="2xx")
    yield Hostile("api unknown endpoint", path="/api/v1/no-such-thing/", expect="404")
    yield Hostile("api schema format markup", path="/api/v1/schema/", query=q(format=XSS))
    yield Hostile("api docs with query", path="/api/v1/docs/", query=q(url=XSS_ATTR))


# --- the API: writes with a staff token -------------------------------------------------------

NEW_PLATFORM = {
    "slug": "hostile-test-platform",
    "name": {"fi": "Vihamielinen testi"},
    "summary": {"fi": "Testialusta."},
    "platform_type": "testing_piloting",
    "region": "19",
    "status": "draft",
}
LUMI = "/api/v1/platforms/lumi-supercomputer/"

BAD_JSON = {
    "truncated": b'{"slug": "x",',
    "trailing-comma": b'{"slug": "x",}',
    "single-quotes": b"{'slug': 'x'}",
    "nan-literal": b'{"latitude": NaN}',
    "infinity-literal": b'{"latitude": -Infinity}',
    "bom": b"\xef\xbb\xbf" + as_json(NEW_PLATFORM),
    "invalid-utf8": b'{"name": {"fi": "\xff\xfe"}}',
    "utf16": json.dumps(NEW_PLATFORM).encode("utf-16"),
    "empty": b"",
    "whitespace": b"   \n  ",
    "null": b"null",
    "array": b"[]",
    "string": b'"platform"',
    "number": b"123",
    "deep-array": b"[" * 100_000 + b"]" * 100_000,
    "deep-object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "wide-object": as_json({f"k{i}": i for i in range(100_000)}),
    "lone-surrogate": b'{"name": {"fi": "\\ud800"}, "slug": "x"}',
    "nul-escape": b'{"name": {"fi": "a\\u0000b"}, "slug": "a\\u0000"}',
    # Python reads a number too large for a float as infinity.
    "number-overflow": as_json(NEW_PLATFORM)[:-1] + b', "latitude": 1e400, "longitude": -1e400}',
}

WRONG_FIELDS = {
    "name list": {"name": ["fi", "x"]},
    "name number": {"name": 5},
    "name string": {"name": XSS},
    "name nested": {"name": {"fi": {"fi": "x"}}},
    "name unknown language": {"name": {XSS: "x"}},
    "name too long": {"name": {"fi": "a" * 5000}},
    "name markup": {"name": {"fi": XSS, "sv": XSS_ATTR}, "slug": "markup-name"},
    "region list": {"region": ["19"]},
    "region object": {"region": {"$ne": None}},
    "region huge number": {"region": 10**40},
    "region markup": {"region": XSS},
    "priorities string": {"priorities": "clean-tech"},
    "priorities objects": {"priorities": [{"a": 1}]},
    "priorities null item": {"priorities": [None]},
    "priorities markup": {"priorities": [XSS, XSS_ATTR]},
    "hosts markup": {"hosts": [XSS_SVG]},
    "latitude largest float": {"latitude": 1.7976931348623157e308, "longitude": 25.0},
    "latitude string": {"latitude": "1e999999", "longitude": "-1e999999"},
    "latitude boolean": {"latitude": True, "longitude": []},
    "latitude comma": {"latitude": "65,0", "longitude": "25,0"},
    "latitude huge integer": {"latitude": 10**40, "longitude": 25},
    "slug markup": {"slug": XSS},
    "slug long": {"slug": "a" * 1000},
    "slug nul": {"slug": "hostile\x00slug"},
    "status object": {"status": {"$ne": None}},
    "platform_type markup": {"platform_type": XSS},
    "sources nul": {"sources": ["https://example.org/a\x00b"]},
    "sources javascript": {"sources": ['javascript:alert("x1")']},
    "sources markup": {"sources": [XSS_ATTR]},
    "sources long host": {"sources": ["https://" + "a" * 10_000 + ".fi/"]},
    "website javascript": {"website": 'javascript:alert("x1")'},
    "contact_email markup": {"contact_email": XSS},
    "contact_phone markup": {"contact_phone": XSS_ATTR},
    "postal_code nul": {"postal_code": "9\x00100"},
    "last_reviewed impossible": {"last_reviewed": "2024-02-30"},
    "last_reviewed year 99999": {"last_reviewed": "99999-01-01"},
    "editors": {"editors": [1, 2, 3]},
    "id and created": {"id": -1, "created": "0000-00-00"},
}


def api_writes():
    staff = {"client": "staff_token", "content_type": "application/json"}
    for name, body in BAD_JSON.items():
        yield Hostile(
            f"api POST bad json {name}",
            method="POST",
            path="/api/v1/platforms/",
            body=body,
            expect="4xx",
            **staff,
        )
    for name in ("truncated", "null", "array", "deep-object", "invalid-utf8", "nul-escape"):
        yield Hostile(
            f"api PATCH bad json {name}",
            method="PATCH",
            path=LUMI,
            body=BAD_JSON[name],
            expect="4xx",
            **staff,
        )
    for name, fields in WRONG_FIELDS.items():
        body = as_json({**NEW_PLATFORM, **fields})
        # Read-only and unknown fields are ignored; markup is text like any other.
        # A field the API does not write (editors) is refused by name, as any unknown one.
        expect = "2xx" if name in ("id and created", "name markup") else "400"
        yield Hostile(
            f"api POST {name}",
            method="POST",
            path="/api/v1/platforms/",
            body=body,
            expect=expect,
            **staff,
        )
    for name in (
        "name list",
        "region huge number",
        "priorities objects",
        "latitude largest float",
        "sources nul",
        "slug markup",
        "name markup",
    ):
        yield Hostile(
            f"api PATCH {name}",
            method="PATCH",
            path=LUMI,
            body=as_json(WRONG_FIELDS[name]),
            expect="4xx" if name != "name markup" else "2xx",
            **staff,
        )
    yield Hostile(
        "api PUT partial body", method="PUT", path=LUMI, body=b"{}", expect="400", **staff
    )
    yield Hostile(
        "api PATCH cluster members markup",
        method="PATCH",
        path="/api/v1/clusters/arctic-industry-and-circular-economy-cluster/",
        body=as_json({"members": [XSS], "coordinator": XSS_ATTR}),
        expect="400",
        **staff,
    )
    yield Hostile(
        "api POST organisation business_id markup",
        method="POST",
        path="/api/v1/organisations/",
        body=as_json(
            {"slug": "x", "name": {"fi": "x"}, "kind": XSS, "business_id": XSS_ATTR, "region": XSS}
        ),
        expect="400",
        **staff,
    )
    yield Hostile(
        "api POST huge body",
        method="POST",
        path="/api/v1/platforms/",
        body=as_json({**NEW_PLATFORM, "padding": "a" * 3_000_000}),
        expect="400",
        **staff,
    )
    yield Hostile(
        "api POST huge body declared small",
        method="POST",
        path="/api/v1/platforms/",
        body=as_json({**NEW_PLATFORM, "padding": "a" * 3_000_000}),
        client="staff_token",
        content_type="application/json",
        headers=(("Content-Length", "10"),),
        expect="4xx",
        wsgi=True,
    )
    body = as_json(NEW_PLATFORM)
    for name, content_type in {
        "text/plain": "text/plain",
        "xml": "application/xml",
        "form": "application/x-www-form-urlencoded",
        "multipart without boundary": "multipart/form-data",
        "json-patch": "application/json-patch+json",
        "no content type": "",
        "markup": XSS,
    }.items():
        yield Hostile(
            f"api POST content type {name}",
            method="POST",
            path="/api/v1/platforms/",
            body=body,
            client="staff_token",
            content_type=content_type,
            expect="415",
        )
    for name, charset in {
        "rot13": "rot13",
        "hex": "hex",
        "zlib": "zlib",
        "utf-16": "utf-16",
        "unknown": "x-no-such-charset",
        "markup": quote(XSS, safe=""),
    }.items():
        yield Hostile(
            f"api POST charset {name}",
            method="POST",
            path="/api/v1/platforms/",
            body=body,
            client="staff_token",
            content_type=f"application/json; charset={charset}",
            expect="4xx" if name not in ("unknown", "markup") else "",
        )
    yield Hostile(
        "api POST gzip-encoded claim",
        method="POST",
        path="/api/v1/platforms/",
        body=b"\x1f\x8b\x08\x00garbage",
        headers=(("Content-Encoding", "gzip"),),
        expect="4xx",
        **staff,
    )
    for method in ("DELETE", "TRACE", "PROPFIND", "CONNECT"):
        yield Hostile(f"api {method}", method=method, path=LUMI, client="staff_token", expect="405")
    yield Hostile(
        "api POST to a detail", method="POST", path=LUMI, body=body, expect="405", **staff
    )
    yield Hostile(
        "api PATCH to a list",
        method="PATCH",
        path="/api/v1/platforms/",
        body=body,
        expect="405",
        **staff,
    )
    yield Hostile(
        "api POST to a read-only endpoint",
        method="POST",
        path="/api/v1/regions/",
        body=body,
        expect="405",
        **staff,
    )
    yield Hostile(
        "api POST to search",
        method="POST",
        path="/api/v1/search/",
        body=body,
        expect="405",
        **staff,
    )
    for name in ("truncated", "deep-array"):
        yield Hostile(
            f"api anonymous POST bad json {name}",
            method="POST",
            path="/api/v1/platforms/",
            body=BAD_JSON[name],
            content_type="application/json",
            expect="401",
        )
    for csrf in ("missing", "forged", "bad_cookie"):
        yield Hostile(
            f"api session POST csrf {csrf}",
            method="POST",
            path="/api/v1/platforms/",
            body=body,
            client="staff_session",
            content_type="application/json",
            csrf=csrf,
            expect="403",
        )
    yield Hostile(
        "api session PATCH csrf missing",
        method="PATCH",
        path=LUMI,
        body=as_json({"name": {"fi": XSS}}),
        client="staff_session",
        content_type="application/json",
        csrf="missing",
        expect="403",
    )


# --- the feedback form ------------------------------------------------------------------------

FEEDBACK = {"topic": "content", "message": "Kartan painikkeilta puuttuu teksti.", "email": ""}


def feedback_posts():
    post = {
        "method": "POST",
        "path": "/fi/feedback/",
        "client": "browser",
        "content_type": "application/x-www-form-urlencoded",
    }
    for name in ("xss-script", "sql-or", "long-10k", "nul"):
        yield Hostile(
            f"feedback topic {name}",
            body=form(**{**FEEDBACK, "topic": TEXTS[name]}),
            expect="400",
            **post,
        )
    for name in (
        "xss-script",
        "xss-close-tags",
        "sql-stacked",
        "template-syntax",
        "control-characters",
        "emoji",
    ):
        yield Hostile(
            f"feedback message {name}",
            body=form(**{**FEEDBACK, "message": TEXTS[name]}),
            expect="3xx",
            **post,
        )
    yield Hostile(
        "feedback message nul",
        body=form(**{**FEEDBACK, "message": TEXTS["nul"]}),
        expect="400",
        **post,
    )
    yield Hostile(
        "feedback message over 5000",
        body=form(**{**FEEDBACK, "message": XSS_CLOSE * 200}),
        expect="400",
        **post,
    )
    yield Hostile(
        "feedback message 3 MB",
        body=form(**{**FEEDBACK, "message": "a" * 3_000_000}),
        expect="400",
        **post,
    )
    for name in ("xss-script", "xss-attribute", "xss-svg", "crlf-header", "nul"):
        yield Hostile(
            f"feedback email {name}",
            body=form(**{**FEEDBACK, "email": TEXTS[name]}),
            expect="400",
            **post,
        )
    yield Hostile("feedback too many fields", body=TOO_MANY_FIELDS.encode(), expect="400", **post)
    yield Hostile(
        "feedback invalid utf-8",
        body=b"topic=content&message=%FF%FE%E4&email=",
        expect="3xx",
        **post,
    )
    yield Hostile(
        "feedback bad percent-encoding",
        body=b"topic=content&message=%ZZ%&email=",
        expect="3xx",
        **post,
    )
    for name, value in {
        "nul": "https://x.example/\x00",
        "markup": XSS_ATTR,
        "long": "https://x.example/" + "a" * 10_000,
    }.items():
        yield Hostile(
            f"feedback referer {name}", body=form(**FEEDBACK), headers=(("Referer", value),), **post
        )
    base = {k: v for k, v in post.items() if k != "content_type"}
    for name, content_type in {
        "multipart without boundary": "multipart/form-data",
        "multipart bad boundary": "multipart/form-data; boundary=" + "-" * 100,
        "json": "application/json",
        "charset rot13": "application/x-www-form-urlencoded; charset=rot13",
        "charset zlib": "application/x-www-form-urlencoded; charset=zlib",
        "charset utf-16": "application/x-www-form-urlencoded; charset=utf-16",
    }.items():
        yield Hostile(
            f"feedback content type {name}",
            body=form(**FEEDBACK),
            content_type=content_type,
            expect="4xx",
            **base,
        )
    for csrf in ("missing", "forged", "cookie_only", "bad_cookie"):
        yield Hostile(
            f"feedback csrf {csrf}", body=form(**FEEDBACK), csrf=csrf, expect="403", **post
        )
    yield Hostile(
        "feedback csrf forged in the form",
        body=form(**FEEDBACK, csrfmiddlewaretoken=FORGED_TOKEN),
        csrf="forged_in_form",
        expect="403",
        **post,
    )
    yield Hostile(
        "feedback cross-site origin",
        body=form(**FEEDBACK),
        headers=(("Origin", "https://evil.example"),),
        expect="403",
        **post,
    )
    for method in ("GET", "PUT", "DELETE"):
        yield Hostile(f"feedback {method}", method=method, path="/fi/feedback/", expect="405")
    # An error page must not read the body that failed (Django's own ones did, and crashed).
    for path in ("/fi/no-such-page/", "/api/v1/no-such-thing/", "/fi/feedback/"):
        yield Hostile(
            f"rot13 form to {path}",
            method="POST",
            path=path,
            body=form(**FEEDBACK),
            client="browser",
            content_type="application/x-www-form-urlencoded; charset=rot13",
            expect="4xx",
        )
    yield Hostile(
        "platform search with a rot13 content type",
        path="/fi/platforms/",
        query="q=%C3%A4kku",
        content_type="text/plain; charset=rot13",
    )


# --- the need page, the enquiry form and its signed links -----------------------------------

ENQUIRY_FORM = {
    "offered": "platform:lumi-supercomputer",
    "entries": "platform:lumi-supercomputer",
    "company_name": "Oy Esimerkki Ab",
    "business_id": "",
    "contact_name": "Maija Meikäläinen",
    "email": "maija@example.fi",
    "phone": "",
    "message": "Tarvitsemme laskentakapasiteettia.",
    "reply_language": "fi",
    "region": "",
    "consent": "on",
    "need": "laskenta",
}
# The hostile texts each field of the enquiry form refuses with a form error (400); what is
# not listed is kept as text (a message may hold anything, a name any markup but no line
# break), which the "kept as text" entries send.
ENQUIRY_REFUSED = {
    "company_name": ("crlf-header", "nul", "long-10k", "control-characters"),
    "contact_name": ("crlf-header", "nul", "long-10k", "control-characters"),
    "message": ("nul", "long-10k"),
    "email": tuple(TEXTS),
    "business_id": tuple(TEXTS),
    "phone": tuple(TEXTS),
    "reply_language": tuple(TEXTS),
    "region": tuple(TEXTS),
    "entries": tuple(TEXTS),
}
TOKEN_PAGES = ("confirm", "manage", "answer")
# Odd tokens get the page of a link that is not valid (200), except a NUL (refused before any
# view) and those holding a slash (no such address).
TOKEN_EXPECT = {"nul": "400", "traversal": "404", "xss": "404"}


def qs(**params):
    return urlencode(params, doseq=True)


def need_and_enquiry_requests():
    for name, text in TEXTS.items():
        too_long = name in ("nul", "long-10k", "long-words")
        yield Hostile(
            f"need page need {name}",
            path="/fi/need/",
            query=q(need=text),
            expect="400" if too_long or name in ("or-only", "superscript-digits") else "",
        )
        yield Hostile(
            f"match api need {name}",
            path="/api/v1/match/",
            query=q(need=text),
            expect="400" if too_long else "",
        )
    for param in ("region", "service"):
        for name in SHORT:
            yield Hostile(
                f"need page {param} {name}",
                path="/sv/need/",
                query=q(need="akkujen testaus", **{param: TEXTS[name]}),
                expect="400",
            )
            yield Hostile(
                f"match api {param} {name}",
                path="/api/v1/match/",
                query=q(need="akkujen testaus", **{param: TEXTS[name]}),
                expect="400",
            )
    for name in SHORT:
        yield Hostile(
            f"match api lang {name}",
            path="/api/v1/match/",
            query=q(need="akkujen testaus", lang=TEXTS[name]),
            expect="400",
        )
    yield Hostile(
        "match api many services",
        path="/api/v1/match/",
        query=qs(need="akkujen testaus", service=["testing"] * 50),
        expect="400",
    )
    for name, query in RAW_QUERIES.items():
        yield Hostile(f"need page raw query {name}", path="/fi/need/", query=query)
    for name in (*SHORT, "path-traversal", "emoji"):
        yield Hostile(
            f"enquiry form entry {name}",
            path="/en/enquiry/",
            query=qs(entry=[TEXTS[name], "platform:lumi-supercomputer"], need=TEXTS[name]),
            expect="200",
        )
    yield Hostile(
        "enquiry form a hundred entries",
        path="/en/enquiry/",
        query=qs(entry=[f"platform:x{n}" for n in range(100)] + ["cluster:kuopio-health"]),
        expect="200",
    )
    post = {
        "method": "POST",
        "path": "/fi/enquiry/",
        "client": "browser",
        "content_type": "application/x-www-form-urlencoded",
    }
    for field, names in ENQUIRY_REFUSED.items():
        for name in names:
            yield Hostile(
                f"enquiry {field} {name}",
                body=form(**{**ENQUIRY_FORM, field: TEXTS[name]}),
                expect="400",
                **post,
            )
    for name in ("xss-script", "xss-attribute", "xss-close-tags", "template-syntax", "emoji"):
        for field in ("company_name", "contact_name", "message"):
            yield Hostile(
                f"enquiry {field} kept as text {name}",
                body=form(**{**ENQUIRY_FORM, field: f"{TEXTS[name]} ja lisää tekstiä"}),
                expect="3xx",
                **post,
            )
    yield Hostile(
        "enquiry honeypot filled",
        body=form(**{**ENQUIRY_FORM, "website": XSS}),
        expect="3xx",
        **post,
    )
    yield Hostile(
        "enquiry six recipients",
        body=qs(
            **{
                **ENQUIRY_FORM,
                "offered": [f"platform:{s}" for s in SIX_PLATFORMS],
                "entries": [f"platform:{s}" for s in SIX_PLATFORMS],
            }
        ).encode(),
        expect="400",
        **post,
    )
    yield Hostile("enquiry too many fields", body=TOO_MANY_FIELDS.encode(), expect="400", **post)
    for csrf in ("missing", "forged", "cookie_only", "bad_cookie"):
        yield Hostile(
            f"enquiry csrf {csrf}", body=form(**ENQUIRY_FORM), csrf=csrf, expect="403", **post
        )
    for method in ("PUT", "DELETE"):
        yield Hostile(f"enquiry {method}", method=method, path="/fi/enquiry/", expect="405")
    for page in TOKEN_PAGES:
        for name, token in SLUGS.items():
            yield Hostile(
                f"enquiry {page} token {name}",
                path=f"/sv/enquiry/{page}/{token}/",
                expect=TOKEN_EXPECT.get(name, "200"),
            )
        yield Hostile(
            f"enquiry {page} signed by someone else",
            path=f"/en/enquiry/{page}/IjEi:1xZZ00:{'A' * 43}/",
            expect="200",
        )
    for name, token in SLUGS.items():
        for action in ("manage/{}/delete", "manage/{}/close", "answer/{}"):
            yield Hostile(
                f"enquiry POST {action.replace('/{}', '')} token {name}",
                method="POST",
                path=f"/fi/enquiry/{action.format(token)}/",
                client="browser",
                content_type="application/x-www-form-urlencoded",
                body=form(answer="forwarded", forward_to=XSS, message=XSS),
                expect=TOKEN_EXPECT.get(name, "200"),
            )
    for name in SHORT:
        for fmt in ("json", "csv"):
            yield Hostile(
                f"enquiry statistics by {name} {fmt}",
                path="/api/v1/statistics/enquiries/",
                query=q(by=TEXTS[name], format=fmt),
                expect="400",
            )
    yield Hostile(
        "enquiry confirm by POST without csrf",
        method="POST",
        path="/fi/enquiry/confirm/IjEi:1xZZ00:AAAA/",
        client="browser",
        csrf="missing",
        expect="403",
    )


SIX_PLATFORMS = (
    "lumi-supercomputer", "cemis", "callio-lab", "printocent", "eaaslab", "snowpolis",
)  # fmt: skip


# --- the admin sign-in ------------------------------------------------------------------------

SIGN_IN = {"username": "coordinator", "password": "wrong-password-1", "next": "/admin/"}


def admin_logins():
    post = {
        "method": "POST",
        "path": "/admin/login/",
        "client": "browser",
        "content_type": "application/x-www-form-urlencoded",
    }
    for csrf in ("missing", "forged", "cookie_only", "bad_cookie"):
        yield Hostile(
            f"admin login csrf {csrf}", body=form(**SIGN_IN), csrf=csrf, expect="403", **post
        )
    yield Hostile(
        "admin login csrf forged in the form",
        body=form(**SIGN_IN, csrfmiddlewaretoken=FORGED_TOKEN),
        csrf="forged_in_form",
        expect="403",
        **post,
    )
    for name in (
        "xss-script",
        "xss-attribute",
        "sql-or",
        "sql-union",
        "long-10k",
        "nul",
        "template-syntax",
        "bidi-zero-width",
    ):
        yield Hostile(
            f"admin login username {name}",
            body=form(**{**SIGN_IN, "username": TEXTS[name]}),
            expect="200",
            **post,
        )
    for name, value in {"sql": "' OR 1=1 --", "nul": "pw\x00", "1 MB": "a" * 1_000_000}.items():
        yield Hostile(
            f"admin login password {name}",
            body=form(**{**SIGN_IN, "password": value}),
            expect="200",
            **post,
        )
    yield Hostile(
        "admin login otp_token markup", body=form(**SIGN_IN, otp_token=XSS), expect="200", **post
    )
    for name, value in {
        "javascript": 'javascript:alert("x1")',
        "other site": "//evil.example/",
        "markup": XSS_ATTR,
    }.items():
        yield Hostile(
            f"admin login next {name}",
            body=form(**{**SIGN_IN, "next": value}),
            expect="200",
            **post,
        )
        yield Hostile(
            f"admin login page next {name}", path="/admin/login/", query=q(next=value), expect="200"
        )
    yield Hostile(
        "admin login forwarded-for garbage",
        body=form(**SIGN_IN),
        headers=(("X-Forwarded-For", XSS + ", 999.1.1.1"),),
        expect="200",
        **post,
    )
    yield Hostile(
        "admin login as JSON",
        body=as_json(SIGN_IN),
        content_type="application/json",
        **{k: v for k, v in post.items() if k != "content_type"},
    )
    yield Hostile(
        "admin login PUT",
        method="PUT",
        path="/admin/login/",
        body=form(**SIGN_IN),
        content_type="application/x-www-form-urlencoded",
        client="browser",
    )
    yield Hostile(
        "admin add page csrf missing",
        method="POST",
        path="/admin/platforms/innovationplatform/add/",
        body=form(slug="x"),
        client="staff_session",
        content_type="application/x-www-form-urlencoded",
        csrf="missing",
        expect="403",
    )
    yield Hostile(
        "admin changelist filter markup",
        path="/admin/platforms/innovationplatform/",
        query=q(q=XSS, o="99.-x", p="-1", status__exact=XSS_ATTR),
        client="staff_session",
    )


# --- the wire: bytes no browser sends, through the WSGI application ---------------------------


def wire_level():
    for name, (path, query) in {
        "invalid utf-8 path": ("/fi/platforms/\xff\xfe/", ""),
        "truncated utf-8 path": ("/fi/\xc3", ""),
        "latin-1 path in the API": ("/api/v1/platforms/\xe4/", ""),
        "literal bad percent in path": ("/fi/platforms/%ZZ/", ""),
        "overlong dot-dot path": ("/fi/\xc0\xae\xc0\xae/admin/", ""),
        "raw latin-1 query": ("/fi/platforms/", "q=\xe4\xf6&region=\xff"),
        "raw latin-1 API query": ("/api/v1/platforms/", "q=\xe4\xf6&include=\xff"),
        "raw latin-1 search query": ("/api/v1/search/", "q=\xe4\xf6\xfc"),
        "nul in path": ("/fi/\x00/", ""),
        "markup in path": ("/fi/platforms/" + XSS + "/", ""),
    }.items():
        for wsgi in (False, True):
            how = "wsgi" if wsgi else "client"
            yield Hostile(
                f"{how}: {name}",
                path=path,
                query=query,
                raw=True,
                wsgi=wsgi,
                expect="4xx" if "query" not in name else "",
            )
    for name, length in {
        "not a number": "abc",
        "negative": "-1",
        "too large": "99999999999",
    }.items():
        yield Hostile(
            f"wsgi: feedback content-length {name}",
            method="POST",
            path="/fi/feedback/",
            body=form(**FEEDBACK),
            content_type="application/x-www-form-urlencoded",
            headers=(("Content-Length", length),),
            wsgi=True,
            expect="4xx",
        )
        yield Hostile(
            f"wsgi: api content-length {name}",
            method="POST",
            path="/api/v1/platforms/",
            body=as_json(NEW_PLATFORM),
            client="staff_token",
            content_type="application/json",
            headers=(("Content-Length", length),),
            wsgi=True,
            expect="4xx",
        )


CORPUS = [
    *site_pages(),
    *with_headers(),
    *api_reads(),
    *api_writes(),
    *feedback_posts(),
    *need_and_enquiry_requests(),
    *admin_logins(),
    *wire_level(),
]


def breakdown(corpus=CORPUS):
    """How many requests of the corpus go where: ``Counter({"API reads": 241, …})``."""
    kinds = Counter()
    for spec in corpus:
        if spec.path.startswith("/api/"):
            kinds["API writes" if spec.method not in ("GET", "HEAD") else "API reads"] += 1
        elif spec.path.startswith("/admin/"):
            kinds["admin"] += 1
        elif "/feedback/" in spec.path:
            kinds["feedback form"] += 1
        elif "/need/" in spec.path or "/enquiry/" in spec.path or "/match/" in spec.path:
            kinds["need, enquiry and match"] += 1
        else:
            kinds["public pages"] += 1
    kinds["through the WSGI application"] = sum(spec.wsgi for spec in corpus)
    kinds["CSRF enforced"] = sum(spec.client in ("browser", "staff_session") for spec in corpus)
    return kinds

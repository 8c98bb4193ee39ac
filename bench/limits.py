"""What the heaviest single public requests cost: the API's exports and the sitemap.

``DATABASE_URL=… python bench/limits.py`` runs each request in this process through the whole
application (Django's test client, production settings) against the database as it is — bring
it to 20 000 platforms first with ``python bench/synthetic.py --platforms 20000`` — and
prints per request the time to the last byte (and the CPU time of this process, which other
work on the machine disturbs less), the bytes and the peak of Python's memory (``tracemalloc``,
measured in a second run, since tracing slows Python down); a streamed answer is counted as it
arrives, not kept.

Each request is made with a parameter no one else sent (``cb=…``), which no cache of answers
can have seen, and without the API's export files, and then again, also by a client that
takes gzip (as most HTTP libraries do). The sitemap is followed from ``/sitemap.xml`` through
every sitemap an index lists.
"""

import os
import re
import shutil
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")
# Production settings on plain http, without collectstatic and without the API's rate limit.
for name, value in {
    "DEBUG": "false",
    "SECRET_KEY": "bench-limits-only",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "STATIC_MANIFEST": "false",
    "API_ANON_RATE": "100000000/minute",
}.items():
    os.environ.setdefault(name, value)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from platforms.models import InnovationPlatform  # noqa: E402

INCLUDES = "hosts,regions,priorities,services,clusters,pilots"
EXPORTS = [
    f"/api/v1/platforms/?format=geojson&include={INCLUDES}",
    "/api/v1/platforms/?format=csv",
    "/api/v1/platforms/?format=geojson",
    "/api/v1/clusters/?format=csv",
]


def cost(client, path, trace=False, **headers):
    """(status, body, wall seconds, CPU seconds, peak bytes of Python's memory or None) of one
    GET read to its end; a streamed body is counted, not kept (its length is returned)."""
    if trace:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(path, **headers)
    if response.streaming:
        body = sum(len(chunk) for chunk in response.streaming_content)
    else:
        body = response.content
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    tracemalloc.stop()
    return response.status_code, body, seconds, cpu, peak


def forget_exports():
    """The API keeps an export as a file until the content changes, whatever other parameters
    a request has: without the files, the next export is made again."""
    shutil.rmtree(settings.EXPORT_CACHE_DIR, ignore_errors=True)


def measure(client, path):
    """Print the cost of ``path`` asked for the first time and again; return its body."""
    separator = "&" if "?" in path else "?"
    first, second = (f"{path}{separator}cb={uuid.uuid4().hex[:8]}" for _ in range(2))
    forget_exports()
    status, body, cold, cold_cpu, _ = cost(client, first)
    forget_exports()
    *_, cold_peak = cost(client, second, trace=True)
    *_, warm, warm_cpu, _ = cost(client, second)
    *_, warm_peak = cost(client, second, trace=True)
    _, packed, gzip, _, _ = cost(client, second, HTTP_ACCEPT_ENCODING="gzip")
    size = body if isinstance(body, int) else len(body)
    packed = packed if isinstance(packed, int) else len(packed)
    print(
        f"{status} {size / 1e6:6.2f} MB | first {cold:5.2f} s (CPU {cold_cpu:5.2f} s), "
        f"peak {cold_peak / 1e6:6.1f} MB | again {warm:5.2f} s (CPU {warm_cpu:5.2f} s), "
        f"peak {warm_peak / 1e6:6.1f} MB | gzip {packed / 1e6:5.2f} MB {gzip:5.2f} s | {path}",
        flush=True,
    )
    return body


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    published = InnovationPlatform.objects.published().count()
    print(f"{published} published platforms")
    client.get("/api/v1/platforms/?page_size=1")  # what the first request of a process loads
    for path in EXPORTS:
        measure(client, path)
    index = measure(client, "/sitemap.xml")
    index = index.decode() if isinstance(index, bytes) else ""
    if "<sitemapindex" in index:
        for location in re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", index):
            measure(client, location.replace("&amp;", "&"))


if __name__ == "__main__":
    main()

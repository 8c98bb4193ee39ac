"""The home page: recent entries of both kinds filling the grid, a matrix whose zero cells are
not links to empty searches, the strategy named once with its year."""

import re

import pytest

from priorities.models import Strategy

pytestmark = pytest.mark.django_db


def test_recent_entries_show_platforms_and_clusters_and_fill_the_grid(client):
    html = client.get("/en/").text
    recent = html.split('id="h-recent"')[1].split("</section>")[0]
    links = re.findall(r'<h3 class="card__title"><a href="/en/(platforms|clusters)/', recent)
    assert len(links) == 6  # 1, 2 or 3 columns: every row full
    assert "platforms" in links and "clusters" in links
    assert re.search(r"<span>[A-Z][a-z]{2}\.? \d{1,2}, \d{4}</span>", recent)  # "Dec. 4, 2026"


def test_matrix_cells_with_zero_platforms_are_not_links(client):
    html = client.get("/fi/").text
    matrix = html.split('class="matrix"')[1].split("</table>")[0]
    cells = re.findall(r"<td>(.*?)</td>", matrix)
    zeros = [cell for cell in cells if re.sub(r"<[^>]+>", "", cell) == "0"]
    assert zeros, "the real data have empty cells"
    assert all("<a " not in cell for cell in zeros)
    assert all("<a " in cell for cell in cells if cell not in zeros)
    assert 'aria-label="1 alusta:' in matrix or 'aria-label="1 alustaa:' not in matrix


def test_the_strategy_line_names_its_year_once(client):
    html = client.get("/en/").text
    strategy = Strategy.objects.current().get()
    assert f"<p>{strategy.title}</p>" in html
    assert "2024 (2024–)" not in html


@pytest.mark.parametrize(
    ("lang", "one"),
    [
        ("fi", "Lisäksi siinä on 1 klusteri."),
        ("sv", "Dessutom omfattar det 1 kluster."),
        ("en", "It also lists 1 cluster."),
    ],
)
def test_one_cluster_is_written_in_the_singular(client, lang, one):
    from clusters.models import Cluster

    keep = Cluster.objects.published().first()
    Cluster.objects.published().exclude(pk=keep.pk).update(status="draft")
    assert one in client.get(f"/{lang}/").text

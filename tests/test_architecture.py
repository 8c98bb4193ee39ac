"""The layout keeps its promises: dependencies between the packages point one way, and elmo/ —
the project and its plumbing — imports the apps only where it composes them (URLs, the site's
cross-app pages, the sitemap)."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
# The project's own packages: the installed apps of this repository, and the search service.
PACKAGES = sorted(
    {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT
    }
)
# The modules of elmo/ that compose the apps.
ELMO_COMPOSES = {"elmo/urls.py", "elmo/api/urls.py", "elmo/views.py", "elmo/sitemaps.py"}


def imports(path):
    """The top-level packages a module imports, anywhere in it (also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(PACKAGES)


def modules(package):
    return [
        path
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and ".venv" not in path.parts
    ]


# The modules that compose the apps stand on top of everything, as a package of their own.
COMPOSITION = "elmo (urls, views, sitemaps)"


def node(path):
    relative = str(path.relative_to(ROOT))
    return COMPOSITION if relative in ELMO_COMPOSES else relative.split("/")[0]


def package_graph():
    graph = {}
    for package in PACKAGES:
        for path in modules(package):
            graph.setdefault(node(path), set()).update(imports(path) - {node(path)})
    return graph


def test_the_packages_are_the_installed_apps():
    assert {"elmo", "entries", "platforms", "clusters", "priorities", "search"} <= set(PACKAGES)


def test_no_package_depends_on_itself_through_others():
    graph = package_graph()

    def reaches(start, goal, seen):
        for package in graph.get(start, ()):
            if package == goal:
                return True
            if package not in seen and reaches(package, goal, seen | {package}):
                return True
        return False

    cycles = sorted(package for package in graph if reaches(package, package, set()))
    assert not cycles, {package: sorted(graph[package]) for package in cycles}


@pytest.mark.parametrize("path", modules("elmo"), ids=lambda p: str(p.relative_to(ROOT)))
def test_elmo_imports_apps_only_where_it_composes_them(path):
    if str(path.relative_to(ROOT)) in ELMO_COMPOSES:
        return
    assert imports(path) <= {"elmo"}, str(path.relative_to(ROOT))

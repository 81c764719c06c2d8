"""End to end: the fixture briefing through `mkdocs build --strict` (MkDocs' Python API)."""
from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from briefing.errors import BriefingError
from briefing.site import build_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "briefings"
ENTITY_AND_SOURCES = ("actors", "locations", "operations", "sources")
INTRO = "Intro linking [[Northern Front]] and [[brenna|the city]].\n"


def make_project(tmp: Path, pages: dict[str, str] | None = None) -> Path:
    """mkdocs.yml of the project, pointed at the fixture sheets and a docs folder in `tmp`."""
    docs = tmp / "docs"
    shutil.copytree(ROOT / "content" / "assets", docs / "assets")
    (docs / "index.md").write_text(INTRO, encoding="utf-8")
    for name, text in (pages or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(tmp / "site")
    config["plugins"] = ["search", {"briefing": {"briefings": str(FIXTURE), "templates": str(ROOT / "site_templates"),
                                                 "leaflet": str(ROOT / "node_modules" / "leaflet" / "dist")}}]
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("fixture-site")
    build_site(make_project(tmp), strict=True)
    return tmp / "site"


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.refs.append(value)


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _sheet_ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (FIXTURE / folder).glob("*.yaml"))


def test_pages_exist(site: Path) -> None:
    assert (site / "index.html").is_file()
    for page in ("actors", "locations", "operations", "sources", "timeline", "map", "graph", "figures", "downloads"):
        assert (site / page / "index.html").is_file(), page
    for folder in ("actors", "locations", "operations", "sources"):
        for sheet_id in _sheet_ids(folder):
            assert (site / folder / sheet_id / "index.html").is_file(), (folder, sheet_id)
    for data in ("briefing.json", "places.geojson", "events.csv"):
        assert (site / "data" / data).is_file()


def test_home_uses_the_handwritten_intro(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="actors/northern-front/">Northern Front</a>' in home
    assert '<a href="locations/brenna/">the city</a>' in home
    assert "Latest developments" in home


def test_source_page_has_sentence_anchors(site: Path) -> None:
    page = (site / "sources" / "001-brenna-captured" / "index.html").read_text(encoding="utf-8")
    assert 'id="s-0"' in page
    assert "Not used as evidence: reader comments" in page
    hostile = (site / "sources" / "002-civilian-toll" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in hostile and "&lt;script&gt;alert" in hostile
    assert 'href="javascript' not in hostile


def test_every_link_resolves(site: Path) -> None:
    checked = 0
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # MkDocs writes it with root-absolute URLs
            continue
        refs = _parse(page)
        ids[page] = refs.ids
        for ref in refs.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("#", "mailto:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path == "" or target.is_dir():
                target = target / "index.html" if parts.path else page
            assert target.exists(), f"{page.relative_to(site)}: broken link {ref}"
            if parts.fragment and target.suffix == ".html" and re.fullmatch(r"s-\d+", parts.fragment):
                ids.setdefault(target, _parse(target).ids)
                assert parts.fragment in ids[target], f"{page.relative_to(site)}: no anchor {ref}"
            checked += 1
    assert checked > 200


def test_search_index_has_aliases_and_boosts(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    assert "Brennah" in docs["locations/brenna/"]["text"]
    assert "Northern Front Alliance" in docs["actors/northern-front/"]["text"]
    assert docs["actors/northern-front/"].get("boost") == 3
    assert docs["sources/001-brenna-captured/"].get("boost") == 0.5
    assert not any(loc.startswith("actors/nf-alliance") for loc in docs)  # redirect pages are not indexed
    # what a large briefing's index can afford: names, aliases, summaries and source titles; the kind line
    # (a token on every page: 0.15 s of the first search at 10,000 articles), facts, article text and lists
    # of other entities stay out (tenfold the size, and noise for a name query)
    assert "person" not in docs["actors/northern-front/"]["text"] and "armed group" not in docs["actors/northern-front/"]["text"]
    page = (site / "actors" / "northern-front" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="entity-kind"[^>]*>armed group · actor<', page)   # (on the page all the same)
    sections = {loc.split("#", 1)[1] for loc in docs if "#" in loc and loc.split("/")[0] in ENTITY_AND_SOURCES}
    assert not sections & {"facts", "figures", "relations", "related", "mentioned-in", "text", "mentioned",
                           "facts-from-this-source"}, sections
    assert docs["sources/001-brenna-captured/"]["title"] and "Publisher" not in docs["sources/001-brenna-captured/"]["text"]
    assert all(len(d["text"]) < 2000 for loc, d in docs.items() if loc.split("/")[0] in ENTITY_AND_SOURCES)


def test_merged_sheet_redirects(site: Path) -> None:
    page = (site / "actors" / "nf-alliance" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../northern-front/">' in page


def test_no_remote_assets(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    if (ROOT / "node_modules" / "leaflet" / "dist" / "leaflet.js").is_file():
        assert (site / "assets" / "vendor" / "leaflet" / "leaflet.js").is_file()
        assert 'data-leaflet="../assets/vendor/leaflet/"' in (site / "map" / "index.html").read_text(encoding="utf-8")


def test_rejected_facts_absent(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".geojson"):
            assert "REJECTED-FACT-MARKER" not in path.read_text(encoding="utf-8"), path


def test_rebuild_is_byte_identical(site: Path, tmp_path: Path) -> None:
    build_site(make_project(tmp_path), strict=True)
    for rel in ("actors/northern-front/index.html", "sources/002-civilian-toll/index.html", "graph/index.html",
                "map/index.html", "data/briefing.json", "data/events.csv"):
        assert (tmp_path / "site" / rel).read_bytes() == (site / rel).read_bytes(), rel


def test_navigation_drawn_once_per_folder_is_what_the_theme_draws_on_each_page(site: Path, tmp_path: Path,
                                                                                  monkeypatch) -> None:
    """Every page of a build whose navigation is drawn once per folder equals, byte for byte, the page
    of a build that draws it on each page; and the store was used."""
    from briefing import fragments

    drawn: list[str | None] = []
    once = fragments._Once._drawn
    monkeypatch.setattr(fragments._Once, "_drawn",
                        lambda self, key, caller: drawn.append(key) or once(self, key, caller))
    cached = tmp_path / "cached"
    build_site(make_project(cached), strict=True)
    keys = [k for k in drawn if k]
    assert keys and len(set(keys)) < len(keys) / 4   # drawn once per folder and partial, then reused
    monkeypatch.setattr(fragments._Once, "_drawn", lambda self, key, caller: caller())   # every page draws its own
    plain = tmp_path / "plain"
    build_site(make_project(plain), strict=True)
    pages = sorted(p.relative_to(plain / "site") for p in (plain / "site").rglob("*.html"))
    assert len(pages) > 25
    for rel in pages:
        assert (cached / "site" / rel).read_bytes() == (plain / "site" / rel).read_bytes(), rel


def test_unknown_wikilink_fails_the_strict_build(tmp_path: Path) -> None:
    config = make_project(tmp_path, {"about.md": "# About\n\nSee [[No Such Group]].\n"})
    with pytest.raises(BriefingError) as err:
        build_site(config, strict=True)
    assert "No Such Group" in err.value.report()


def test_missing_config_is_a_briefing_error(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="no MkDocs configuration file"):
        build_site(tmp_path / "mkdocs.yml")


def test_generated_html_sections_skip_markdown_but_reach_the_page(site: Path) -> None:
    """Entity and source sections are HTML kept out of the Markdown pass: they arrive whole, with
    their own links, and the headings between them still make the table of contents."""
    page = (site / "actors" / "northern-front" / "index.html").read_text(encoding="utf-8")
    assert "briefing:html" not in page
    assert '<div class="facts">' in page and '<table class="infobox actor">' in page
    assert re.search(r'<a href="../../sources/001-brenna-captured/#s-\d+">', page)
    toc = page.split('class="md-nav md-nav--secondary"')[1].split("</nav>")[0]
    for heading in ("Facts", "Relations", "Related", "Mentioned in"):
        assert heading in toc, heading
    for path in site.rglob("*.html"):
        assert "briefing:html" not in path.read_text(encoding="utf-8"), path


def test_build_does_not_depend_on_string_hashing(site: Path, tmp_path: Path) -> None:
    """Set order follows PYTHONHASHSEED, which differs per process: a rebuild in a fresh process
    with another seed gives the same bytes (within one process a hash-order bug would not show)."""
    import subprocess
    import sys
    config = make_project(tmp_path)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", "import sys; from briefing.site import build_site; "
                    "build_site(sys.argv[1], strict=True)", str(config)], check=True, env=env, capture_output=True)
    built = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*")
                   if p.suffix in (".html", ".json", ".csv", ".geojson"))
    assert len(built) > 20
    for rel in built:
        assert (tmp_path / "site" / rel).read_bytes() == (site / rel).read_bytes(), rel


def test_the_rendered_pages_on_disk_are_removed_after_the_build_even_a_failed_one(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    build_site(make_project(tmp_path / "ok"), strict=True)
    assert (tmp_path / "ok" / "site" / "actors" / "northern-front" / "index.html").is_file()
    assert list(scratch.iterdir()) == []
    with pytest.raises(BriefingError):
        build_site(make_project(tmp_path / "bad", {"about.md": "See [[Nobody At All]].\n"}), strict=True)
    assert list(scratch.iterdir()) == []

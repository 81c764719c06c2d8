"""The reader's briefing site in headless Chromium: search, citations, the offline map, and every page clean.

The site is built once from the committed sheets (`briefings/`) and served on 127.0.0.1 (see conftest.py).
A request to any other host fails the test that made it (and, but in the crawl of every page, is aborted).
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

ENTITY_FOLDERS = ("actors", "locations", "operations")
QUIET_MS = 30
CUT_SHORT_BY_CHROMIUM = re.compile(r"/assets/(?:images/favicon\.png|javascripts/workers/search\.\w+\.min\.js)$")


def search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type `query` into Material's search box once its worker is ready; the result links, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    # the worker has loaded the index when the placeholder message stops saying it is initialising
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !/initializ/i.test(m.textContent); }")
    box.press_sequentially(query, delay=20)
    # Material writes "N matching documents" (or "No matching documents") once it has ranked them
    page.wait_for_function(
        "q => document.querySelector('input.md-search__input').value === q &&"
        " /matching document/i.test(document.querySelector('.md-search-result__meta').textContent)", arg=query)
    links = page.locator(".md-search-result__list > li.md-search-result__item > a.md-search-result__link")
    links.first.wait_for()
    return [urljoin(page.url, href) for href in links.evaluate_all("els => els.map(a => a.getAttribute('href'))")]


def words(text: str) -> str:
    """Text without quotation marks, punctuation spacing or case: a quote and its sentence compare equal."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def site_path(url: str, base_url: str) -> str:
    """'actors/islamic-state/' for http://127.0.0.1:port/actors/islamic-state/#x."""
    return urlsplit(url).path[len(urlsplit(base_url).path):]


def test_search_daesh_finds_islamic_state_first(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url)
    results = search(page, "Daesh")
    assert results, "no search results for Daesh"
    assert site_path(results[0], base_url) == "actors/islamic-state/", results[:5]
    assert page.offsite == []


@pytest.mark.parametrize(("query", "expected"), [("Raqqah", "locations/raqqa/"),
                                                  ("SDF", "actors/syrian-democratic-forces/")])
def test_search_ranks_entities_above_sources(page, base_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """An alias finds its entity's page first, above the sources (whose headlines may contain the alias)."""
    page.goto(base_url)
    results = [site_path(url, base_url) for url in search(page, query)]
    assert results, f"no search results for {query}"
    first = results[0]
    assert first.split("/")[0] in ENTITY_FOLDERS and first.count("/") == 2, \
        f"{query!r}: first result is {first!r}, not an entity page; results: {results[:5]}"
    assert first == expected, results[:5]
    sources = [i for i, path in enumerate(results) if path.startswith("sources/")]
    entities = [i for i, path in enumerate(results) if path.split("/")[0] in ENTITY_FOLDERS]
    assert not sources or min(entities) < min(sources)


def test_fact_search_finds_facts_by_their_words_and_links_their_pages(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Facts are kept out of the site search; the Facts page searches them, fetching facts.json on demand."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(urljoin(base_url, "facts/"))
    assert not any(url.endswith("facts.json") for url in requested)   # nothing fetched before a search
    page.fill(".briefing-fact-search input", "airstrikes")
    page.wait_for_selector(".briefing-fact-results li")
    items = page.locator(".briefing-fact-results li")
    texts = items.all_inner_texts()
    assert texts and all("airstrike" in t.casefold() for t in texts), texts[:3]
    assert "fact" in page.locator(".briefing-fact-search output").inner_text()
    assert page.locator(".briefing-fact-results mark").count() >= len(texts)
    first_links = [site_path(a.get_attribute("href") and urljoin(page.url, a.get_attribute("href")), base_url)
                   for a in items.first.locator("a").all()]
    assert first_links and first_links[0].split("/")[0] in ENTITY_FOLDERS, first_links
    page.fill(".briefing-fact-search input", "airstrikes zzzzqqq")
    page.wait_for_function("document.querySelector('.briefing-fact-search output').value.startsWith('No fact')")
    assert items.count() == 0
    assert page.offsite == []


def test_citation_opens_source_at_highlighted_sentence(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(urljoin(base_url, "actors/islamic-state/"))
    fact = page.locator(".facts li", has=page.locator(".cite a")).first
    quote = words(fact.locator(".quote").inner_text())
    cite = fact.locator(".cite a").first
    href = cite.get_attribute("href")
    assert href and re.search(r"/sources/[^/]+/#s-\d+$", href), href
    cite.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#s-\d+$"))
    anchor = urlsplit(page.url).fragment
    assert re.fullmatch(r"s-\d+", anchor), page.url
    sentence = page.locator(f"[id='{anchor}']")
    assert sentence.count() == 1, f"no element with id {anchor} on {page.url}"
    assert sentence.evaluate("el => el.matches(':target')"), f"#{anchor} is not the :target"
    background = sentence.evaluate("el => getComputedStyle(el).backgroundColor")
    body = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background not in (body, "rgba(0, 0, 0, 0)", "transparent"), (background, body)
    assert sentence.is_visible()
    said = words(sentence.inner_text())
    assert said and (said in quote or quote in said), f"the sentence {said!r} is not the quote {quote!r}"
    assert sentence.evaluate("el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"), \
        "the cited sentence is not scrolled into view"
    assert page.offsite == []


def test_map_shows_raqqa_offline(page, base_url: str, is_local) -> None:  # type: ignore[no-untyped-def]
    """With every request to another host aborted, the map still shows Raqqa: a Leaflet marker and label when
    Leaflet is vendored (node_modules present at build time), the static SVG marker otherwise."""
    served: list[str] = []

    def local_only(route) -> None:  # type: ignore[no-untyped-def]
        if is_local(route.request.url):
            served.append(route.request.url)
            route.continue_()
        else:
            page.offsite.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    page.goto(urljoin(base_url, "map/"))
    box = page.locator(".briefing-map")
    assert box.count() == 1
    svg_marker = page.locator(".briefing-map-svg a.marker",
                              has=page.locator("title", has_text=re.compile(r"^Raqqa \(")))
    assert svg_marker.count() == 1, "no SVG marker titled Raqqa on the static map"
    if box.get_attribute("data-leaflet"):
        label = page.locator(".briefing-leaflet .leaflet-tooltip", has_text=re.compile(r"^\s*Raqqa\s*$"))
        label.wait_for(state="visible")
        assert page.locator(".briefing-leaflet path.leaflet-interactive").count() > 5, "Leaflet drew no markers"
        assert any(url.endswith("leaflet.js") for url in served), "Leaflet was not loaded from the site"
        assert any(url.endswith("places.geojson") for url in served)
    else:
        svg_marker.wait_for(state="visible")
    assert page.offsite == [], page.offsite


def html_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def test_every_page_loads_cleanly(browser, site_dir: Path, base_url: str, is_local) -> None:  # type: ignore[no-untyped-def]
    """Each built HTML page, in one tab: no console error, no script error, no failed or 4xx/5xx request,
    nothing asked of another host, and the search index loaded (so the search box works on every page).

    Requests are not intercepted here (interception costs a quarter of the time); one to another host is a
    failure all the same."""
    pages = html_pages(site_dir)
    assert len(pages) > 50, pages
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    visits: list[str] = ["(start)"]  # the page each navigation of the tab was for
    problems: list[str] = []

    in_flight: set[object] = set()

    def on_request(request) -> None:  # type: ignore[no-untyped-def]
        in_flight.add(request)
        if request.is_navigation_request() and request.frame == page.main_frame:
            visits.append(site_path(request.url, base_url) or "index.html")
        if not is_local(request.url):
            problems.append(f"{visits[-1]}: request to another host: {request.url}")

    def on_failed(request) -> None:  # type: ignore[no-untyped-def]
        in_flight.discard(request)
        # Chromium asks for the favicon after `load` and cancels it when the tab moves on, and reports the
        # page's copy of the search worker's script as aborted when the worker fetches it itself (the index the
        # worker then loads, awaited below, shows it ran); any other failure, an abort included, is reported
        if request.failure == "net::ERR_ABORTED" and CUT_SHORT_BY_CHROMIUM.search(request.url):
            return
        problems.append(f"{visits[-1]}: request failed: {request.url} ({request.failure})")

    page.on("request", on_request)
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", on_failed)
    page.on("response", lambda response: response.status >= 400 and problems.append(
        f"{visits[-1]}: HTTP {response.status}: {response.url}"))
    page.on("console", lambda message: message.type == "error" and problems.append(
        f"{visits[-1]}: console error: {message.text} ({message.location.get('url')})"))
    page.on("pageerror", lambda error: problems.append(f"{visits[-1]}: script error: {error}"))

    def search_index(request) -> bool:  # type: ignore[no-untyped-def]
        return request.url.endswith("/search/search_index.json")

    try:
        for path in pages:
            with page.expect_event("requestfinished", search_index):
                response = page.goto(urljoin(base_url, path.removesuffix("index.html")), wait_until="load")
            assert response is not None and response.ok, (path, response and response.status)
            # then what the page's scripts ask for after `load` (the map's Leaflet and GeoJSON): settled once
            # nothing has been in flight for a moment
            deadline = time.monotonic() + 10
            page.wait_for_timeout(QUIET_MS)
            while in_flight and time.monotonic() < deadline:
                page.wait_for_timeout(QUIET_MS)
        page.goto("about:blank")
    finally:
        context.close()
    assert not problems, "\n".join(problems)

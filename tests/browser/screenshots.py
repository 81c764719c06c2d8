"""Screenshots of each kind of page, to look at the site as a reader would (not a test).

    python tests/browser/screenshots.py [--out /tmp/shots] [--site DIR]

Builds the committed briefing into a temporary folder (or uses --site, an already built site), serves it on
127.0.0.1 and saves 1280x1400 PNGs of the home page, an actor, a location, an operation, a source (at a cited
sentence), the timeline, the map, the graph, the figures and a search. Uses the system's Chromium, offline.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import SiteServer, block_offsite, browser_missing, build_into, launch  # noqa: E402

SHOTS = [
    ("home", ""),
    ("actor", "actors/islamic-state/"),
    ("location", "locations/raqqa/"),
    ("operation", "operations/operation-inherent-resolve/"),
    ("source", "sources/003-7d78ce147ee50a88/"),
    ("timeline", "timeline/"),
    ("map", "map/"),
    ("graph", "graph/"),
    ("figures", "figures/"),
    ("actors-index", "actors/"),
    ("downloads", "downloads/"),
]


def shoot(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with SiteServer(site) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        offsite = block_offsite(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
        for name, path in SHOTS:
            page.goto(server.url + path, wait_until="load")
            if name == "map":
                page.locator(".briefing-leaflet .leaflet-tooltip").first.wait_for(state="visible")
            page.wait_for_timeout(150)
            saved.append(out / f"{name}.png")
            page.screenshot(path=str(saved[-1]))
        # a cited sentence, reached from its citation
        page.goto(server.url + "actors/islamic-state/", wait_until="load")
        page.locator(".facts .cite a").first.click()
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        saved.append(out / "citation.png")
        page.screenshot(path=str(saved[-1]))
        # search results for an alias
        page.goto(server.url, wait_until="load")
        page.locator("input.md-search__input").click()
        page.wait_for_function("() => !/initializ/i.test(document.querySelector('.md-search-result__meta').textContent)")
        page.locator("input.md-search__input").press_sequentially("SDF", delay=20)
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_timeout(150)
        saved.append(out / "search.png")
        page.screenshot(path=str(saved[-1]))
        browser.close()
    for line in errors + [f"request to another host: {u}" for u in offsite]:
        print("problem:", line, file=sys.stderr)
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/shots"))
    parser.add_argument("--site", type=Path, help="an already built site (default: build the committed briefing)")
    args = parser.parse_args()
    reason = browser_missing()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 1
    if args.site:
        saved = shoot(args.site, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            saved = shoot(build_into(Path(tmp) / "site"), args.out)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

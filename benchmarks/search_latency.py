"""How long a reader waits for the first search on a built site, in headless Chromium.

    .venv/bin/python benchmarks/search_latency.py SITE_DIR [--query Daesh] [--runs 3]

Serves SITE_DIR on 127.0.0.1, opens the home page in a fresh browser context (nothing cached),
types the query as soon as search is ready and reports, per run:
- `ready`: page opened -> Material's search worker has loaded and indexed search_index.json;
- `first answer`: page opened -> the first results are on screen (what the issue's 2 s target is about);
- `fact search`: the Facts page opened with `?find=WORDS` -> its first results (or "no fact") are on
  screen, data/facts.json fetched and searched (`--fact-query`, default "airstrikes").
Requests to any host but 127.0.0.1 are aborted and reported.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))

from conftest import SiteServer, block_offsite, launch  # noqa: E402

TIMEOUT_MS = 600_000
READY = ("() => { const m = document.querySelector('.md-search-result__meta');"
         " return m && m.textContent.trim() !== '' && !/initializ/i.test(m.textContent); }")
ANSWERED = ("q => document.querySelector('input.md-search__input').value === q &&"
            " /matching document/i.test(document.querySelector('.md-search-result__meta').textContent)")


@contextmanager
def fresh_page(browser):  # type: ignore[no-untyped-def]
    """A page in a new browser context (nothing cached), with its requests beyond 127.0.0.1 blocked and listed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(int(TIMEOUT_MS))
    offsite = block_offsite(context)
    try:
        yield context.new_page(), offsite
    finally:
        context.close()


def measure(browser, url: str, query: str) -> dict[str, float | int]:  # type: ignore[no-untyped-def]
    with fresh_page(browser) as (page, offsite):
        start = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_function(READY, polling=20)   # Material ignores what is typed before this
        ready = time.perf_counter() - start
        box.press_sequentially(query)   # Material reacts to key events, not to a filled value
        page.wait_for_function(ANSWERED, arg=query, polling=20)
        answered = time.perf_counter() - start
        results = page.locator(".md-search-result__list > li.md-search-result__item").count()
        return {"first_answer_s": round(answered, 2), "ready_s": round(ready, 2), "results": results,
                "offsite_requests": len(offsite)}


FACTS_ANSWERED = ("() => { const o = document.querySelector('.briefing-fact-search output');"
                  " return o && /fact/i.test(o.value) && !/loading/i.test(o.value); }")


def measure_facts(browser, url: str, words: str) -> dict[str, float | int]:  # type: ignore[no-untyped-def]
    with fresh_page(browser) as (page, offsite):
        start = time.perf_counter()
        page.goto(f"{url}facts/?find={words}", wait_until="domcontentloaded")
        page.wait_for_function(FACTS_ANSWERED, polling=20)
        answered = time.perf_counter() - start
        return {"fact_answer_s": round(answered, 2), "shown": page.locator(".briefing-fact-results li").count(),
                "offsite_requests": len(offsite)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="Islamic State")
    parser.add_argument("--fact-query", default="airstrikes")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    index = args.site / "search" / "search_index.json"
    if not index.is_file():
        print(f"{index}: no search index (build the site first)", file=sys.stderr)
        return 2
    docs = len(json.loads(index.read_text(encoding="utf-8"))["docs"])
    from playwright.sync_api import sync_playwright

    with SiteServer(args.site) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            runs = [measure(browser, server.url, args.query) for _ in range(args.runs)]
            facts = args.site / "data" / "facts.json"
            fact_runs = [measure_facts(browser, server.url, args.fact_query) for _ in range(args.runs)] \
                if facts.is_file() else []
        finally:
            browser.close()
    print(json.dumps({"site": str(args.site), "index_mb": round(index.stat().st_size / 2**20, 1),
                      "index_entries": docs, "query": args.query, "runs": runs,
                      "facts_mb": round(facts.stat().st_size / 2**20, 1) if facts.is_file() else None,
                      "fact_query": args.fact_query, "fact_runs": fact_runs}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

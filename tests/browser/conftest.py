"""Fixtures of the browser tests: the committed briefing built once, served on 127.0.0.1, one headless Chromium.

Nothing is downloaded: Playwright drives the system's Chromium (`/usr/bin/chromium`, Debian's package), and the
pages are checked to never ask for anything beyond 127.0.0.1. Without the browser the tests are skipped, unless
BRIEFING_REQUIRE_BROWSER=1 (CI), where a missing browser is an error.
"""
from __future__ import annotations

import functools
import os
import re
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
REQUIRED = os.environ.get("BRIEFING_REQUIRE_BROWSER") == "1"


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (install Debian's 'chromium' package)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the 'playwright' Python package is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session", autouse=True)
def _browser_available() -> None:
    """Skips (or, with BRIEFING_REQUIRE_BROWSER=1, fails) every browser test when Chromium or Playwright is missing."""
    reason = browser_missing()
    if reason and REQUIRED:
        pytest.fail(f"BRIEFING_REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}", pytrace=False)
    if reason:
        pytest.skip(f"{reason}; set BRIEFING_REQUIRE_BROWSER=1 to fail instead")


def build_into(site: Path) -> Path:
    """`briefing build` of the committed sheets into `site` (strict), run from the project root."""
    from briefing.site import build_site

    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        build_site(Path("mkdocs.yml"), site, strict=True)
    finally:
        os.chdir(cwd)
    return site


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        # the browser hangs up on responses it no longer wants (leaving a page): not a server error
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # the built site does not change while it is served: let the browser keep the theme's assets
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class SiteServer:
    """The built site on http://127.0.0.1:<free port>/, served from a daemon thread."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def launch(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with SiteServer(site_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser(_browser_available: None) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


# Every URL but 127.0.0.1 (and data:/blob:/about: ones, which never leave the browser). A regular expression is
# matched by the browser itself, so local requests are not paused for a round trip through Python.
OFFSITE = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1(?:[:/]|$))(?!(?:data|blob|about):)")


def is_local(url: str) -> bool:
    return OFFSITE.match(url) is None


@pytest.fixture(scope="session", name="is_local")
def is_local_fixture():  # type: ignore[no-untyped-def]
    """`is_local(url)`: whether a request stays on 127.0.0.1 (or in the browser)."""
    return is_local


def block_offsite(target) -> list[str]:  # type: ignore[no-untyped-def]
    """Abort every request of a context or page that leaves 127.0.0.1; returns the list of their URLs."""
    offsite: list[str] = []

    def abort(route) -> None:  # type: ignore[no-untyped-def]
        offsite.append(route.request.url)
        route.abort()

    target.route(OFFSITE, abort)
    return offsite


@pytest.fixture()
def page(browser, base_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh page in its own context; requests to anything but 127.0.0.1 are aborted and listed in `page.offsite`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    context.set_default_timeout(10_000)
    offsite = block_offsite(context)
    page = context.new_page()
    page.offsite = offsite  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()

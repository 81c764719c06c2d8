"""The MkDocs plugin: generates the briefing's pages inside the build and watches the sheets.

It only coordinates MkDocs events; `render.py` makes the pages, `sheets.py` reads the YAML.

    plugins:
      - search
      - briefing:
          briefings: briefings        # folder of fact sheets, relative to mkdocs.yml
          templates: site_templates   # Jinja templates of the generated pages
"""
from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from . import fragments, render
from .progress import QUIET, Progress
from .sheets import Briefing, load_briefing

log = get_plugin_logger(__name__)
# `briefing build` sets this to report the build's stages (one line each); MkDocs alone stays quiet
PROGRESS: Progress = QUIET
# and hands over the sheets its check has just read (folder, sheets), so the build does not parse them again
PRELOADED: tuple[Path, Briefing] | None = None

SEARCH_ATTRIBUTE_RE = re.compile(r'\s?data-search-\w+="[^"]+"')   # what Material's search removes
LEAFLET_TARGET = "assets/vendor/leaflet"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")


class BriefingConfig(base.Config):
    briefings = c.Type(str, default="briefings")
    """Folder of fact sheets (actors/, locations/, operations/, sources/), relative to mkdocs.yml."""
    templates = c.Type(str, default="site_templates")
    """Folder of the Jinja templates for generated pages, relative to mkdocs.yml."""
    leaflet = c.Type(str, default="node_modules/leaflet/dist")
    """Where `npm install` puts Leaflet; copied into the site when present, optional otherwise."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.model: render.SiteModel | render.LinkTargets | None = None
        self.generated: set[str] = set()
        self.outside_nav: set[str] = set()         # generated pages not in the navigation (see fragments.py)
        self.search_tags: dict[str, list[str]] = {}
        self.verbatim: dict[str, list[str]] = {}   # src_uri -> HTML sections kept out of Markdown
        self.full_content: dict[str, str] = {}     # src_uri -> page HTML while search sees the lean one
        self.root = Path.cwd()
        self.spill: Path | None = None             # rendered pages on disk, while a build reads them
        self._since = time.perf_counter()

    def _done(self, stage: str) -> None:
        """One progress line: `stage` took the time since the previous one."""
        now = time.perf_counter()
        if PROGRESS.enabled:
            PROGRESS.line(f"{stage:<10} {now - self._since:7.2f} s")
        self._since = now

    def _path(self, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else (self.root / path)

    @property
    def briefings_dir(self) -> Path:
        return self._path(self.config.briefings)

    @property
    def templates_dir(self) -> Path:
        return self._path(self.config.templates)

    @property
    def leaflet_dir(self) -> Path:
        return self._path(self.config.leaflet)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.config_file_path:
            self.root = Path(config.config_file_path).resolve().parent
        if not self.templates_dir.is_dir():
            log.warning(f"templates folder '{self.templates_dir}' does not exist")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.briefings_dir.is_dir():
            log.info(f"no fact sheets yet: '{self.briefings_dir}' does not exist")
        self._since = time.perf_counter()
        briefing = self._preloaded() or load_briefing(self.briefings_dir)
        for problem in briefing.problems:
            log.warning(f"skipped an unreadable fact sheet: {problem}")
        self.model = model = render.SiteModel(briefing)
        self.search_tags = render.search_tags(model)

        intro = None
        home = files.get_file_from_path("index.md")
        if home is not None and home.generated_by is None:
            intro, _ = get_data(home.content_string)  # front matter of the intro is dropped
            intro = self._wikilinks(intro, "index.md", "index.md")
            files.remove(home)
        options = render.RenderOptions(site_name=config.site_name, directory_urls=config.use_directory_urls,
                                       leaflet=self._leaflet_files() != [], intro=intro)
        self._done("load")
        self._remove_spill()
        self.spill = Path(tempfile.mkdtemp(prefix="briefing-pages-"))
        pages = render.render_pages(model, self.templates_dir, options, spill=self.spill)
        self._done("render")
        # hand-written pages still need [[wiki-links]]: keep only what resolves them, not every sheet
        self.model = model.link_targets
        del model, briefing

        self.generated, self.outside_nav = set(), set()
        for uri, content in pages.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                log.warning(f"'{existing.src_uri}' in the docs folder is replaced by the generated page; "
                            "rename it or remove it")
                files.remove(existing)
            # entity and source pages are reached from the index pages, not the nav
            inclusion = InclusionLevel.NOT_IN_NAV if uri.count("/") and not uri.endswith("/index.md") \
                else InclusionLevel.UNDEFINED
            source = {"abs_src_path": str(content)} if isinstance(content, Path) else {"content": content}
            files.append(File.generated(config, uri, inclusion=inclusion, **source))
            self.generated.add(uri)
            if inclusion is InclusionLevel.NOT_IN_NAV:
                self.outside_nav.add(uri)
        for path in self._leaflet_files():
            uri = f"{LEAFLET_TARGET}/{path.relative_to(self.leaflet_dir).as_posix()}"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def _preloaded(self) -> Briefing | None:
        """The sheets `briefing build` read for this folder, once (a rebuild under `serve` reads them anew)."""
        global PRELOADED
        handed, PRELOADED = PRELOADED, None
        if handed is not None and handed[0].resolve() == self.briefings_dir.resolve():
            return handed[1]
        return None

    def _leaflet_files(self) -> list[Path]:
        base_dir = self.leaflet_dir
        if not (base_dir / "leaflet.js").is_file():
            return []
        found = [base_dir / name for name in LEAFLET_FILES if (base_dir / name).is_file()]
        found += sorted((base_dir / "images").glob("*.png"))
        return found

    def _wikilinks(self, markdown: str, page: str, label: str) -> str:
        assert self.model is not None
        text, unresolved = render.replace_wikilinks(markdown, page, self.model)
        for name in unresolved:
            log.warning(f"Doc file '{label}' links to '[[{name}]]', but no sheet has that id or name")
        return text

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        tags = self.search_tags.get(page.file.src_uri)
        if tags and page.file.src_uri in self.generated and "tags" not in page.meta:
            page.meta["tags"] = tags  # for Material's search (on_page_context); not shown on the page
        if page.file.src_uri in self.generated:
            markdown, self.verbatim[page.file.src_uri] = render.lift_verbatim(markdown)
            return markdown
        if self.model is None or "[[" not in markdown:
            return markdown
        return self._wikilinks(markdown, page.file.src_uri, page.file.src_uri)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        sections = self.verbatim.pop(page.file.src_uri, None)
        if page.file.src_uri in self.generated:
            # MkDocs holds every page until the end of the build: drop the Markdown, only the HTML is used
            # from here on (a large briefing's Markdown is half a gigabyte)
            page.markdown = None
            page.file.content_string = ""
        return render.restore_verbatim(html, sections) if sections else html

    # Material's search plugin parses every page's HTML: on generated pages it is handed a lean copy
    # (same indexed text, a fraction of the tags), and the page gets its full HTML back afterwards.
    @event_priority(100)
    def _search_sees_lean_html(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if page.file.src_uri in self.generated and page.content:
            self.full_content[page.file.src_uri] = page.content
            page.content = render.search_view(page.content)
        return context

    @event_priority(-100)
    def _page_gets_full_html(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        full = self.full_content.pop(page.file.src_uri, None)
        if full is not None:   # as the search plugin leaves its pages: without its data-search-* attributes
            page.content = SEARCH_ATTRIBUTE_RE.sub("", full)
        return context

    def _navigation_drawn_once(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if page.file.src_uri in self.outside_nav:
            context[fragments.KEY] = fragments.key_for(page.url)
        return context

    on_page_context = CombinedEvent(_search_sees_lean_html, _page_gets_full_html, _navigation_drawn_once)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self._done("convert")   # every page through Markdown
        return fragments.install(env)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.generated:
            page.content = None   # written: the HTML of every page need not be held to the end of the build
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_spill()
        self._done("write")     # theme templates, search index, files

    def on_build_error(self, *, error: Exception) -> None:
        self._remove_spill()

    def on_shutdown(self) -> None:
        self._remove_spill()

    def _remove_spill(self) -> None:
        """The rendered pages MkDocs read from disk (a temporary folder of this build)."""
        if self.spill is not None:
            shutil.rmtree(self.spill, ignore_errors=True)
            self.spill = None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for path in (self.briefings_dir, self.templates_dir):
            if path.is_dir():
                server.watch(str(path))
        return server

"""The theme's navigation and tabs, drawn once per folder for the pages that are not in the navigation.

MkDocs draws the whole navigation (sidebar and tabs) around every page. An entity or source page is
not in the navigation, so nothing in it is active, and its links are relative to the page's folder:
the navigation around `actors/islamic-state/` is, byte for byte, the one around every other page in
`actors/`. At 37,000 pages, drawing it again for each was a good part of the theme's time.

`install(env)` wraps the theme's `partials/nav.html` and `partials/tabs.html` in a fragment cache
keyed by `briefing_fragment_key`, which the plugin puts in the context of those pages only (every
other page has no key and is drawn as the theme draws it). The theme's own templates are included
unchanged, under another name.
"""
from __future__ import annotations

import posixpath
from typing import Any, Callable

from jinja2 import BaseLoader, Environment, nodes
from jinja2.ext import Extension

WRAPPED = ("partials/nav.html", "partials/tabs.html")
_ORIGINAL = "briefing-original/"
KEY = "briefing_fragment_key"


class _Once(Extension):
    """`{% briefing_once key %}...{% endbriefing_once %}`: the body drawn once per key (each build has
    its own store); with no key, drawn every time."""

    tags = {"briefing_once"}

    def parse(self, parser: Any) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endbriefing_once",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_drawn", [key]), [], [], body).set_lineno(lineno)

    def _drawn(self, key: Any, caller: Callable[[], str]) -> str:
        if not isinstance(key, str) or not key:
            return caller()
        store: dict[str, str] = self.environment.briefing_fragments   # type: ignore[attr-defined]
        if key not in store:
            store[key] = caller()
        return store[key]


class _Wrapping(BaseLoader):
    """The theme's loader, with the wrapped partials drawn through `_Once`."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template in WRAPPED:
            source = (f"{{% briefing_once {KEY} ~ '|{template}' if {KEY} is defined else none %}}"
                      f"{{% include '{_ORIGINAL}{template}' %}}{{% endbriefing_once %}}")
            return source, None, lambda: True
        if template.startswith(_ORIGINAL):
            return self.inner.get_source(environment, template[len(_ORIGINAL):])
        return self.inner.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def install(env: Environment) -> Environment:
    """Wrap the theme's navigation partials (once per environment) and start an empty store."""
    if not isinstance(env.loader, _Wrapping) and env.loader is not None:
        env.loader = _Wrapping(env.loader)
        env.add_extension(_Once)
    env.extend(briefing_fragments={})
    if env.cache is not None:
        env.cache.clear()   # templates compiled before the wrapping
    return env


def key_for(page_url: str) -> str:
    """The folder of a page's URL ("actors/islamic-state/" -> "actors"): its links are relative to it."""
    return posixpath.dirname(page_url.rstrip("/")) or "."

"""One pipeline stage in its own process, so each gets its own peak memory (ru_maxrss).

    python benchmarks/stages.py STAGE --root DIR --result FILE [--briefings DIR] [--profile FILE]

STAGE is read | extract | check | render | mkdocs. The stage's own timings (without interpreter
start-up and imports) and counts are written as JSON to FILE; `scale.py` runs these.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import inspect
import io
import json
import os
import re
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable

import yaml

from briefing import cli, merge, pipeline, render, report
from briefing.check import check
from briefing.heap import paused_gc
from briefing.read import read_corpus
from briefing.sheets import load_briefing
from briefing.site import build_site

REPO = Path(__file__).resolve().parents[1]
CODE = Path(os.environ.get("BENCHMARK_CODE", REPO))   # templates, pages and mkdocs.yml of the code under test


def peak_mb() -> float:
    """Peak resident memory so far, in MB: this process or its largest finished worker (ru_maxrss in KB)."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def cpu_seconds() -> float:
    """User + system CPU of this process and its finished workers (the pipeline may use a process pool)."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF,
                                                                        resource.RUSAGE_CHILDREN)))


class Clock:
    """Wall and CPU time of one call, and what it returned."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0
        self.value: Any = None

    def wrap(self, module: Any, name: str) -> None:
        original = getattr(module, name)

        @functools.wraps(original)
        def clocked(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), cpu_seconds()
            try:
                self.value = original(*args, **kwargs)
                return self.value
            finally:
                self.wall += time.perf_counter() - wall
                self.cpu += cpu_seconds() - cpu
        setattr(module, name, clocked)


class StageTimer:
    """Times the functions `extract_corpus` calls, by wrapping them in the pipeline module.

    Which functions those are is read from `extract_corpus` itself, so the breakdown follows the
    pipeline as it changes; whatever is not inside a wrapped call is reported as 'other'.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()

    def wrap_calls_of(self, module: Any, function: Callable[..., Any]) -> list[str]:
        names = [n for n in function.__code__.co_names if inspect.isfunction(getattr(module, n, None))]
        for name in names:
            setattr(module, name, self._timed(name, getattr(module, name)))
        return names

    def _timed(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
        return timed


# --- stages --------------------------------------------------------------------------------------
def stage_read(root: Path, briefings: Path) -> dict[str, Any]:
    start = time.perf_counter()
    articles = read_corpus(root / "seeds", root)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": len(articles),
            "paragraphs": sum(len(a.paragraphs) for a in articles),
            "dated": sum(1 for a in articles if a.published)}


def stage_extract(root: Path, briefings: Path) -> dict[str, Any]:
    """`briefing extract` into `briefings`, through the CLI's own code path (so its per-article cache is
    built, as on an editor's first run), with extract_corpus, merge.apply and the review timed apart."""
    timer = StageTimer()
    timer.wrap_calls_of(pipeline, pipeline.extract_corpus)   # the functions extract_corpus calls
    clocks = {"extract": Clock(), "merge": Clock(), "review": Clock()}
    clocks["extract"].wrap(pipeline, "extract_corpus")
    clocks["merge"].wrap(merge, "apply")
    clocks["review"].wrap(report, "review")
    briefings.mkdir(parents=True, exist_ok=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["extract", "--seeds", str(root / "seeds"), "--briefings", str(briefings)])
    if status != 0 or clocks["extract"].value is None:
        raise SystemExit(f"briefing extract failed (exit {status}):\n{out.getvalue()}\n{err.getvalue()}")
    extraction, result = clocks["extract"].value, clocks["merge"].value
    parts = dict(sorted(timer.seconds.items(), key=lambda kv: -kv[1]))
    parts["other"] = clocks["extract"].wall - sum(timer.seconds.values())
    stages = {m["name"]: float(m["seconds"])     # the pipeline's own progress lines
              for m in re.finditer(r"^(?P<name>\S+)\s+(?P<seconds>[\d.]+) s$", err.getvalue(), re.M)}
    folders = Counter(rel.split("/")[0] for rel in extraction.sheets)
    return {"seconds": clocks["extract"].wall, "extract_cpu": clocks["extract"].cpu,
            "merge_seconds": clocks["merge"].wall, "merge_cpu": clocks["merge"].cpu,
            "review_seconds": clocks["review"].wall, "stages": stages, "parts": parts, "calls": dict(timer.calls),
            "articles": len(extraction.articles), "sheets": len(extraction.sheets), "by_folder": dict(folders),
            "facts": sum(len(sheet.get("facts") or ()) for sheet in extraction.sheets.values()),
            "merge": result.summary(), "review_lines": out.getvalue().count("\n"),
            "warnings": [line for line in err.getvalue().splitlines() if line.startswith("warning")][:5]}


def stage_check(root: Path, briefings: Path) -> dict[str, Any]:
    start = time.perf_counter()
    problems = check(briefings)
    return {"seconds": time.perf_counter() - start, "problems": len(problems),
            "first_problems": [str(p) for p in problems[:5]]}


def stage_render(root: Path, briefings: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    briefing = load_briefing(briefings)
    t1 = time.perf_counter()
    model = render.SiteModel(briefing)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefing-pages-") as spill:   # as the MkDocs build renders
        pages = render.render_pages(model, CODE / "site_templates", render.RenderOptions(site_name="Scale benchmark"),
                                    spill=Path(spill))
        t3 = time.perf_counter()
        sizes = {uri: page.stat().st_size if isinstance(page, Path) else len(page.encode())
                 for uri, page in pages.items()}
    return {"seconds": t3 - t0, "parts": {"load_briefing": t1 - t0, "SiteModel": t2 - t1, "render_pages": t3 - t2},
            "pages": sum(1 for uri in pages if uri.endswith(".md")), "files": len(pages),
            "markdown_bytes": sum(size for uri, size in sizes.items() if uri.endswith(".md"))}


def mkdocs_config(root: Path, briefings: Path) -> Path:
    """A copy of the project's mkdocs.yml that builds the benchmark's sheets into root/site."""
    config = yaml.safe_load((CODE / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(CODE / "content")
    config["site_dir"] = str(root / "site")
    config["strict"] = False
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "briefing" in plugin:
            plugin = {"briefing": {"briefings": str(briefings), "templates": str(CODE / "site_templates"),
                                   "leaflet": str(REPO / "node_modules" / "leaflet" / "dist")}}
        plugins.append(plugin)
    config["plugins"] = plugins
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def stage_mkdocs(root: Path, briefings: Path) -> dict[str, Any]:
    config = mkdocs_config(root, briefings)
    start = time.perf_counter()
    build_site(config, root / "site", strict=False)
    seconds = time.perf_counter() - start
    site = root / "site"
    html = list(site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    folders = ("actors", "locations", "operations", "sources")
    entity_pages = sum(1 for p in html if p.relative_to(site).parts[0] in folders)
    return {"seconds": seconds, "pages": len(html), "entity_pages": entity_pages,
            "html_bytes": sum(p.stat().st_size for p in html),
            "largest_page": max(((p.stat().st_size, str(p.relative_to(site))) for p in html), default=(0, "")),
            "search_index_bytes": index.stat().st_size if index.exists() else 0,
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file())}


STAGES: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "read": stage_read, "extract": stage_extract, "check": stage_check, "render": stage_render,
    "mkdocs": stage_mkdocs,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--root", required=True, help="benchmark folder holding seeds/ (the working directory)")
    parser.add_argument("--briefings", help="folder of sheets; default: ROOT/briefings")
    parser.add_argument("--result", required=True, help="JSON file to write the timings to")
    parser.add_argument("--profile", help="run under cProfile and dump the stats to this file")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    briefings = Path(args.briefings).resolve() if args.briefings else root / "briefings"
    stage = functools.partial(STAGES[args.stage], root, briefings)

    def run() -> dict[str, Any]:
        if args.stage in ("render", "mkdocs"):   # as `briefing build` runs them, with the collector on
            return stage()
        with paused_gc():   # as `briefing extract` and `briefing check` run (cli.PAUSED_GC)
            return stage()
    cpu = cpu_seconds()
    if args.profile:
        profiler = cProfile.Profile()
        result = profiler.runcall(run)
        profiler.dump_stats(args.profile)
    else:
        result = run()
    result["cpu_seconds"] = cpu_seconds() - cpu
    result["briefing_package"] = str(Path(pipeline.__file__).parent)
    result["peak_mb"] = peak_mb()
    Path(args.result).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

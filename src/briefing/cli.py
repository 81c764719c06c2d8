"""The command line: each command builds what it needs from the library and calls it.

Exit status: 0 success, 1 invalid input (every problem printed as `path:line:col: message`),
2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Callable, Sequence

from .errors import BriefingError, UsageError
from .heap import paused_gc

PAUSED_GC = {"extract", "check"}   # batch commands of our own code; `build` pauses it for its check (heap.py)
EXAMPLES = {
    "extract": "briefing extract --seeds seeds --briefings briefings",
    "check": "briefing check --briefings briefings",
    "build": "briefing build --site site",
    "serve": "briefing serve --dev-addr 127.0.0.1:8000",
}


def cmd_extract(args: argparse.Namespace) -> int:
    from . import merge, store
    from .cache import ArticleCache, run_fingerprint
    from .pipeline import extract_corpus
    from .progress import Progress
    from .report import review
    from .sheet_index import SheetIndex

    seeds, briefings = Path(args.seeds), Path(args.briefings)
    if not seeds.is_dir():
        raise UsageError(f"{seeds}: no such folder of articles (pass --seeds DIR)")
    briefings.mkdir(parents=True, exist_ok=True)
    progress = Progress()
    dry = args.dry_run or args.check
    cache = ArticleCache(briefings, enabled=not args.no_cache)
    # --check always does the whole comparison: it is what CI trusts (and CI has no cache anyway)
    if not args.check and cache.last_run and cache.last_run == _fingerprint(run_fingerprint, seeds, briefings):
        print("Nothing changed since the last run (articles, sheets and rules are as they were): nothing to do.")
        _warn_unreadable(cache.warnings)   # nothing changed, so neither did they
        return 0
    index = SheetIndex(briefings, enabled=not args.no_cache and not args.check)
    extraction = extract_corpus(seeds, briefings, root=Path.cwd(), progress=progress, cache=cache, index=index)
    if not dry:
        cache.save_entries()   # now: they are not needed any more, and the merge needs the memory
    with progress.stage("merge"):
        result = merge.apply(briefings, extraction.sheets, dry_run=dry, known_base=index.known_to_hold_base())
    unreadable = _unreadable_sheets(extraction, result)
    if not dry:
        store.install_schemas(briefings)
        index.save(result.written, result.holding_base)
        cache.save(last_run=_fingerprint(run_fingerprint, seeds, briefings), warnings=unreadable)
    print(review(extraction, result, dry_run=dry))
    if dry and args.dry_run and getattr(result, "diff", ""):
        print(result.diff)
    _warn_unreadable(unreadable)
    if args.check and _changes(result):
        print("briefings are out of date with the articles: run `briefing extract` and review the changes",
              file=sys.stderr)
        return 1
    if args.check and unreadable:
        return 1
    return 0


def _changes(result: object) -> bool:
    """Out of date: a sheet would be written, or one could not be merged (a broken sheet)."""
    return bool(getattr(result, "created", None) or getattr(result, "updated", None)
                or getattr(result, "skipped", None))


def _fingerprint(run_fingerprint: Callable[[Path, Path], str], seeds: Path, briefings: Path) -> str | None:
    """The run's fingerprint, or None when a file cannot be read now (reading reports it)."""
    try:
        return run_fingerprint(seeds, briefings)
    except OSError:
        return None


def _warn_unreadable(unreadable: list[str]) -> None:
    """A warning for every sheet extraction could not use."""
    for problem in unreadable:
        print(f"warning: {problem}", file=sys.stderr)
    if unreadable:
        print(f"{len(unreadable)} fact sheet(s) could not be read and were left as they are; their names and "
              "aliases were not used. Fix them (`briefing check` lists every problem) and run extract again.",
              file=sys.stderr)


def _unreadable_sheets(extraction: object, result: object) -> list[str]:
    """Sheets extraction could not use (broken or hostile YAML), one problem per file.

    Extraction skips them and the merge leaves them untouched; without a word the editor would
    believe their aliases had been applied.
    """
    found = {}
    for problem in [*getattr(extraction, "unreadable", []), *(getattr(result, "skipped", None) or [])]:
        found.setdefault(problem.path, problem)
    return [str(found[path]) for path in sorted(found)]


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check

    problems = check(Path(args.briefings))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.briefings}", file=sys.stderr)
        return 1
    print(f"{args.briefings}: all fact sheets are valid")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import mkdocs_plugin
    from .check import check_or_raise
    from .progress import QUIET, Progress
    from .site import build_site

    progress = Progress()
    # the sheets the check reads go to the build, which frees them once the pages are rendered
    # (so no reference to them is kept here)
    with progress.stage("check"), paused_gc():
        mkdocs_plugin.PRELOADED = (Path(args.briefings), check_or_raise(Path(args.briefings)))
    mkdocs_plugin.PROGRESS = progress
    try:
        build_site(Path(args.config), Path(args.site) if args.site else None, strict=not args.no_strict)
    finally:
        mkdocs_plugin.PROGRESS = QUIET
        mkdocs_plugin.PRELOADED = None
    print(f"site built in {args.site or 'site'}/")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .site import serve_site

    serve_site(Path(args.config), args.dev_addr)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefing",
        description="Turn news articles into YAML fact sheets and a cross-linked MkDocs briefing site.",
        epilog="Example: briefing extract && briefing check && briefing build",
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_text: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=f"Example: {EXAMPLES[name]}")
        p.set_defaults(func=func)
        return p

    p = add("extract", "Read the articles and merge what they say into the fact sheets "
                       "(editors' changes always win).", cmd_extract)
    p.add_argument("--seeds", default="seeds", help="folder of articles (.txt, .md, .html); default: seeds")
    p.add_argument("--briefings", default="briefings", help="folder of fact sheets; default: briefings")
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if the sheets are out of date with the articles (for CI)")
    p.add_argument("--no-cache", action="store_true",
                   help="ignore the per-article cache in <briefings>/.briefing-cache and redo everything")

    p = add("check", "Validate every fact sheet and report every problem at once.", cmd_check)
    p.add_argument("--briefings", default="briefings", help="folder of fact sheets; default: briefings")

    p = add("build", "Validate the sheets, then build the static site with MkDocs (strict).", cmd_build)
    p.add_argument("--site", default=None, help="output folder; default: site_dir of mkdocs.yml (site)")
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration; default: mkdocs.yml")
    p.add_argument("--briefings", default="briefings", help="folder of fact sheets; default: briefings")
    p.add_argument("--no-strict", action="store_true", help="do not turn MkDocs warnings into errors")

    p = add("serve", "Serve the site locally, rebuilding when a sheet or page changes.", cmd_serve)
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration; default: mkdocs.yml")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on; default: 127.0.0.1:8000")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)   # exits 2 on usage errors, like every argparse program
    try:
        with paused_gc() if args.command in PAUSED_GC else nullcontext():
            return args.func(args)
    except UsageError as err:
        print(f"briefing {args.command}: {err.report()}", file=sys.stderr)
        return 2
    except BriefingError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; every sheet is either old or new (writes are atomic)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

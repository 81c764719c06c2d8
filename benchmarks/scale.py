"""Scale benchmark: a synthetic corpus of N articles through every stage of the pipeline.

    python benchmarks/scale.py --articles 1000 [--out DIR] [--seed 1] [--stages ...] [--profile [STAGE ...]]

1. generate  N articles from the five seeds with invented names (benchmarks/corpus.py) in DIR/seeds
2. read      read_corpus                                     \\
3. extract   extract_corpus (per pipeline stage), merge.apply  | each in its own process
4. check     check.check                                       | (benchmarks/stages.py), peak
5. render    load_briefing + SiteModel + render_pages          | memory = the child's ru_maxrss
6. mkdocs    site.build_site with a copy of mkdocs.yml         /
7. search    the first search on the built site in headless Chromium (benchmarks/search_latency.py;
             skipped without Chromium and Playwright)
8. incremental  one more article, `briefing extract`; then `briefing extract` with nothing changed

Prints the stage table and one Markdown row for benchmarks/README.md; writes DIR/results.json.
`--profile [extract render mkdocs incremental]` then runs those again under cProfile (DIR/profile/) and
prints the top 25 functions by cumulative and by own time.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CODE_PATHS = ["src", "site_templates", "content", "mkdocs.yml"]   # what a run measures, frozen at its start

STAGES = ["generate", "read", "extract", "check", "render", "mkdocs", "search", "incremental"]
PROFILED = ["extract", "render", "mkdocs", "incremental"]
CHILD_ENV: dict[str, str] = {}   # set by main(): children run the frozen code
MB = 1024 * 1024


@dataclass
class Child:
    """A finished child process: wall time, peak memory (its own ru_maxrss), exit status."""

    wall: float
    cpu: float          # user + system seconds: less sensitive than wall time to a busy machine
    peak_mb: float
    returncode: int
    log: Path


def run_child(cmd: list[str], cwd: Path, log: Path, timeout: float, env: dict[str, str] | None = None) -> Child:
    """Run `cmd`, output to `log`; wait4 gives this child's own usage (with its workers'), not all children's."""
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**CHILD_ENV, **(env or {})})
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Child(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 proc.returncode, log)


def run_stage(stage: str, out: Path, timeout: float, briefings: Path | None = None,
              profile: Path | None = None, env: dict[str, str] | None = None) -> dict[str, Any]:
    result_file = out / "logs" / f"{stage}{'-profile' if profile else ''}.json"
    result_file.unlink(missing_ok=True)
    cmd = [sys.executable, str(HERE / "stages.py"), stage, "--root", str(out), "--result", str(result_file)]
    if briefings:
        cmd += ["--briefings", str(briefings)]
    if profile:
        cmd += ["--profile", str(profile)]
    child = run_child(cmd, out, result_file.with_suffix(".log"), timeout, env)
    if child.returncode != 0 or not result_file.exists():
        tail = child.log.read_text(errors="replace")[-2000:]
        reason = "timed out" if child.wall >= timeout else f"exit {child.returncode}"
        print(f"  {stage}: FAILED ({reason} after {child.wall:.1f} s); log {child.log}:\n{tail}", file=sys.stderr)
        return {"failed": reason, "wall": child.wall, "child_peak_mb": child.peak_mb}
    result = json.loads(result_file.read_text())
    result.update(wall=child.wall, cpu=child.cpu, child_peak_mb=child.peak_mb)
    return result


def run_cli_extract(out: Path, label: str, timeout: float, profile: Path | None = None,
                    env: dict[str, str] | None = None) -> dict[str, Any]:
    """`briefing extract` as an editor runs it (wall time includes start-up and imports)."""
    cmd = [sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else []),
           "-m", "briefing.cli", "extract", "--seeds", "seeds", "--briefings", "briefings"]
    child = run_child(cmd, out, out / "logs" / f"{label}.log", timeout, env)
    first = child.log.read_text(errors="replace").splitlines()[:2]
    return {"seconds": child.wall, "cpu": child.cpu, "child_peak_mb": child.peak_mb, "returncode": child.returncode,
            "report": " / ".join(first)}


def snapshot_code(out: Path, mode: str) -> Path:
    """Freeze the code under test in DIR/code, so commits landing during a long run do not mix in.

    A commit (default HEAD) is exported with `git archive` (read-only); "worktree" copies the files
    as they are now, uncommitted changes included.
    """
    dest = out / "code"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    if mode != "worktree":
        try:
            archive = subprocess.run(["git", "archive", "--format=tar", mode, *CODE_PATHS], cwd=REPO,
                                     capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
            return dest
        except (OSError, subprocess.CalledProcessError) as err:   # not a git checkout: measure the files
            print(f"cannot export {mode} with git ({err}); measuring the working tree", file=sys.stderr)
    for name in CODE_PATHS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def child_env(code: Path) -> dict[str, str]:
    """Children import `briefing` from the frozen copy (PYTHONPATH wins over the editable install)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(code / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env["BENCHMARK_CODE"] = str(code)
    return env


# --- the stages ----------------------------------------------------------------------------------
def generate(corpus: "Corpus", out: Path) -> dict[str, Any]:
    for name in ("seeds", "briefings", "site", "profile"):
        shutil.rmtree(out / name, ignore_errors=True)
    start = time.perf_counter()
    paths = corpus.write(out / "seeds", range(corpus.articles))
    return {"seconds": time.perf_counter() - start, "articles": len(paths),
            "bytes": sum(p.stat().st_size for p in paths),
            "markdown": sum(1 for p in paths if p.suffix == ".md")}


def add_article(corpus: "Corpus", out: Path) -> Path:
    """The next article of the same corpus (index = how many there are), written to DIR/seeds."""
    existing = len([p for p in (out / "seeds").iterdir() if p.is_file()])
    return corpus.write(out / "seeds", [existing])[0]


def search(out: Path, timeout: float) -> dict[str, Any]:
    """Page opened -> first results on screen, best of three fresh browser contexts."""
    cmd = [sys.executable, str(HERE / "search_latency.py"), str(out / "site"), "--runs", "3"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=CHILD_ENV)
    except subprocess.TimeoutExpired:
        return {"failed": "timed out"}
    if done.returncode != 0:
        tail = (done.stderr or done.stdout)[-500:]
        reason = "no browser" if "playwright" in tail.lower() or "chromium" in tail.lower() else "error"
        return {"skipped" if reason == "no browser" else "failed": f"{reason}: {tail.strip().splitlines()[-1:]}"}
    found = json.loads(done.stdout)
    runs, fact_runs = found["runs"], found.get("fact_runs") or []
    return {"first_answer_s": min(r["first_answer_s"] for r in runs), "ready_s": min(r["ready_s"] for r in runs),
            "fact_answer_s": min((r["fact_answer_s"] for r in fact_runs), default=None),
            "facts_mb": found.get("facts_mb"), "runs": runs, "fact_runs": fact_runs}


def incremental(corpus: "Corpus", out: Path, timeout: float) -> dict[str, Any]:
    """One article more, then a run with nothing changed: what an editor waits for day to day."""
    add_article(corpus, out)
    added = run_cli_extract(out, "incremental-add-one", timeout)
    unchanged = run_cli_extract(out, "incremental-unchanged", timeout)
    return {"add_one": added, "unchanged": unchanged}


def profile_stage(stage: str, corpus: "Corpus", out: Path, timeout: float, top: int = 25) -> dict[str, Any]:
    """A stage again under cProfile (after the timed runs, so it does not disturb them).

    extract: into a fresh folder of sheets (the same work as the timed run); render and mkdocs:
    the sheets as they are (mkdocs rebuilds DIR/site); incremental: one more article, then
    `briefing extract` into the existing sheets.
    """
    folder = out / "profile"
    folder.mkdir(parents=True, exist_ok=True)
    stats_file = folder / f"{stage}.prof"
    one_process = {"BRIEFING_WORKERS": "1"}   # cProfile sees only its own process: no worker pool
    if stage == "extract":
        shutil.rmtree(folder / "briefings", ignore_errors=True)
        result = run_stage("extract", out, timeout, briefings=folder / "briefings", profile=stats_file,
                           env=one_process)
    elif stage in ("render", "mkdocs"):
        result = run_stage(stage, out, timeout, profile=stats_file, env=one_process)
    else:
        add_article(corpus, out)
        result = run_cli_extract(out, "incremental-profile", timeout, profile=stats_file, env=one_process)
    if "failed" in result or not stats_file.exists():
        return result
    for order in ("cumulative", "tottime"):
        with (folder / f"{stage}-top-{order}.txt").open("w") as fh:
            pstats.Stats(str(stats_file), stream=fh).sort_stats(order).print_stats(top)
        label = "cumulative time" if order == "cumulative" else "own time (tottime)"
        print(f"\n## {stage} under cProfile: top {top} by {label} ({stats_file})\n")
        print(_trim_stats((folder / f"{stage}-top-{order}.txt").read_text()), flush=True)
    return {"stats": str(stats_file)}


def _trim_stats(text: str) -> str:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line.replace(str(Path(sys.prefix).parent) + "/", "") for line in lines[start:] if line.strip())


# --- reporting -----------------------------------------------------------------------------------
def code_version(mode: str) -> str:
    """The commit measured; with --code worktree, whether uncommitted changes were in it."""
    try:
        describe = ["git", "describe", "--always"] + (["--dirty"] if mode == "worktree" else [mode])
        return subprocess.run(describe, cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {mem:.0f} GB RAM, " \
           f"Python {platform.python_version()}, {platform.system()} {platform.release()}"


def stage_table(results: dict[str, Any]) -> str:
    rows = ["| stage | wall s | CPU s | process wall s | peak RSS MB | notes |", "|---|---:|---:|---:|---:|---|"]
    gen = results.get("generate")
    if gen:
        rows.append(f"| generate | {gen['seconds']:.2f} | | | | {gen['articles']} articles "
                    f"({gen['markdown']} .md), {gen['bytes'] / MB:.1f} MB |")
    notes = {
        "read": lambda r: f"{r['articles']} articles, {r['paragraphs']} paragraphs, {r['dated']} dated",
        "extract": lambda r: f"{r['sheets']} sheets {r['by_folder']}, {r['facts']} facts",
        "check": lambda r: f"{r['problems']} problems",
        "render": lambda r: f"{r['pages']} pages, {r['markdown_bytes'] / MB:.1f} MB Markdown",
        "mkdocs": lambda r: f"{r['pages']} HTML pages ({r['entity_pages']} entity/source), "
                            f"{r['html_bytes'] / MB:.1f} MB; largest {r['largest_page'][1]} "
                            f"{r['largest_page'][0] / 1024:.0f} KB; includes load + render again",
    }
    for stage, note in notes.items():
        r = results.get(stage)
        if not r:
            continue
        if "failed" in r:
            rows.append(f"| {stage} | FAILED ({r['failed']}) | {r['wall']:.1f} | | {r['child_peak_mb']:.0f} | |")
            continue
        cpu = r.get("extract_cpu", r.get("cpu_seconds", 0))
        rows.append(f"| {stage} | {r['seconds']:.2f} | {cpu:.2f} | {r['wall']:.2f} | {r['child_peak_mb']:.0f} "
                    f"| {note(r)} |")
        for name, seconds in (r.get("stages") or {}).items():   # the pipeline's own progress stages
            if name == "merge":
                continue   # its own row below
            rows.append(f"| &nbsp;&nbsp;{stage} › {name} | {seconds:.2f} | | | | pipeline progress line |")
        total = r["seconds"] or 1
        for part, seconds in (r.get("parts") or {}).items():
            if seconds >= 0.02 * total:
                calls = (r.get("calls") or {}).get(part, 0)
                rows.append(f"| &nbsp;&nbsp;{stage} › {part}() | {seconds:.2f} | | | | "
                            f"{f'{calls} calls' if calls > 1 else ''} |")
        if stage == "extract":
            rows.append(f"| merge (write sheets) | {r['merge_seconds']:.2f} | {r['merge_cpu']:.2f} | | "
                        f"| {r['merge']} |")
            rows.append(f"| review report | {r['review_seconds']:.2f} | | | | {r['review_lines']} lines |")
    found = results.get("search")
    if found:
        rows.append(f"| first search (Chromium) | {_first_search(found)} | | | | index ready after "
                    f"{found.get('ready_s', '–')} s; {found.get('skipped') or found.get('failed') or 'best of 3'} |")
        if found.get("fact_answer_s") is not None:
            rows.append(f"| first fact search (Chromium) | {found['fact_answer_s']:.2f} | | | | facts.json "
                        f"{found.get('facts_mb')} MB fetched on the search; best of 3 |")
    inc = results.get("incremental")
    if inc:
        for key, label in (("add_one", "+1 article: briefing extract"), ("unchanged", "no change: briefing extract")):
            r = inc[key]
            rows.append(f"| {label} | {r['seconds']:.2f} | {r['cpu']:.2f} | {r['seconds']:.2f} "
                        f"| {r['child_peak_mb']:.0f} | exit {r['returncode']}: {r['report']} |")
    return "\n".join(rows)


ROW_HEADER = ("| N | code | sheets | HTML pages | read s | extract s | merge s | check s | render s | mkdocs s "
              "| peak RSS MB | HTML MB | avg KB/page | search index MB | index KB/page | extract+merge ms/article "
              "| +1 article s | no change s | make site s | first search s |\n|---:|---|" + "---:|" * 18)


def _time(result: dict[str, Any] | None, wall: str = "seconds", cpu: str = "cpu_seconds") -> str:
    """'wall (CPU)' seconds of a stage: CPU counts the workers and is steadier on a shared machine."""
    if not result:
        return "–"
    if "failed" in result:
        return f"FAILED ({result['failed']})"
    if not isinstance(result.get(wall), (int, float)):
        return "–"
    return f"{result[wall]:.2f} ({result[cpu]:.2f})" if isinstance(result.get(cpu), (int, float)) \
        else f"{result[wall]:.2f}"


def _make_site(results: dict[str, Any]) -> str:
    """What `make site` does: `briefing extract` (with its merge), then `briefing build` (check + MkDocs),
    as the sum of those stages' process wall times."""
    parts = [results.get(stage) or {} for stage in ("extract", "check", "mkdocs")]
    if any("wall" not in p for p in parts):
        return "–"
    return f"{sum(p['wall'] for p in parts):.0f}"


def _first_search(result: dict[str, Any] | None) -> str:
    if not result:
        return "–"
    if "first_answer_s" in result:
        return f"{result['first_answer_s']:.2f}"
    return "skipped" if "skipped" in result else f"FAILED ({result.get('failed')})"


def table_row(n: int, code: str, results: dict[str, Any]) -> str:
    """One line for the README table: times as 'wall (CPU)' seconds."""
    ext, mk = results.get("extract") or {}, results.get("mkdocs") or {}
    inc = results.get("incremental") or {}
    children = [r for r in results.values() if isinstance(r, dict) and "child_peak_mb" in r] + list(inc.values())
    peak = max((r.get("child_peak_mb", 0) for r in children), default=0)
    pages = mk.get("pages") if "failed" not in mk else None
    if pages:
        html, index = mk["html_bytes"], mk["search_index_bytes"]
        sizes = [f"{html / MB:.1f}", f"{html / pages / 1024:.1f}", f"{index / MB:.1f}", f"{index / pages / 1024:.1f}"]
    else:
        sizes = ["–"] * 4
    per_article = f"{(ext['seconds'] + ext['merge_seconds']) / n * 1000:.0f}" if "merge_seconds" in ext else "–"
    cells = [str(n), code, str(ext.get("sheets", "–")), str(pages or "–"), _time(results.get("read")),
             _time(ext, "seconds", "extract_cpu"), _time(ext, "merge_seconds", "merge_cpu"),
             _time(results.get("check")), _time(results.get("render")), _time(mk), f"{peak:.0f}", *sizes,
             per_article, _time(inc.get("add_one"), "seconds", "cpu"), _time(inc.get("unchanged"), "seconds", "cpu"),
             _make_site(results), _first_search(results.get("search"))]
    return "| " + " | ".join(cells) + " |"


# --- main ----------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time every pipeline stage on a synthetic corpus of N articles.")
    parser.add_argument("--articles", type=int, required=True, metavar="N", help="number of articles to generate")
    parser.add_argument("--out", type=Path, help="working folder; default: /tmp/briefing-scale/N")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus (default 1)")
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=STAGES, metavar="STAGE",
                        help=f"stages to run, of {' '.join(STAGES)} (default: all); without 'generate' the "
                             "corpus and sheets already in --out are used")
    parser.add_argument("--profile", nargs="*", choices=PROFILED, metavar="STAGE",
                        help=f"after the timed runs, run stages again under cProfile and print the top 25 "
                             f"functions; of {' '.join(PROFILED)} (default: extract)")
    parser.add_argument("--code", default="HEAD", metavar="COMMIT|worktree",
                        help="code to measure, frozen in DIR/code for the whole run: a commit (default HEAD) "
                             "or 'worktree', the files as they are at the start")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before a stage is killed (default 3600)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    global CHILD_ENV
    args = parse_args(argv)
    out = (args.out or Path("/tmp/briefing-scale") / str(args.articles)).resolve()
    (out / "logs").mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"articles": args.articles, "seed": args.seed, "machine": machine(),
                               "code": code_version(args.code), "load_before": os.getloadavg()}
    code = snapshot_code(out, args.code)
    CHILD_ENV = child_env(code)
    sys.path[:0] = [str(code / "src"), str(HERE)]   # the generator uses the same frozen code
    from corpus import Corpus
    corpus = Corpus(args.articles, args.seed)
    print(f"# scale benchmark: {args.articles} articles in {out}\n{results['machine']}; code {results['code']}",
          flush=True)
    for stage in STAGES:
        if stage not in args.stages:
            continue
        print(f"- {stage} ...", flush=True)
        if stage == "generate":
            results[stage] = generate(corpus, out)
        elif stage == "incremental":
            results[stage] = incremental(corpus, out, args.timeout)
        elif stage == "search":
            results[stage] = search(out, args.timeout)
        else:
            results[stage] = run_stage(stage, out, args.timeout)
    if args.profile is not None:
        for stage in args.profile or ["extract"]:
            print(f"- profile {stage} ...", flush=True)
            results[f"profile-{stage}"] = profile_stage(stage, corpus, out, args.timeout)
    results["load_after"] = os.getloadavg()
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print("\n" + stage_table(results) + "\n")
    print(f"load average before {results['load_before'][0]:.1f}, after {results['load_after'][0]:.1f} "
          f"(on {os.cpu_count()} CPUs: wall times are noisy when others use the machine)\n")
    print(ROW_HEADER)
    print(table_row(args.articles, results["code"], results))
    failed = [k for k, v in results.items() if isinstance(v, dict) and "failed" in v]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""`briefing extract` killed with SIGKILL at any moment leaves a briefing that still loads: every
sheet is the old or the new version, never half of one, temp files never look like sheets, and
running extract again finishes the job (giving the same sheets as a run never interrupted).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COPIES = 30
pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]


def make_project(root: Path) -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for n in range(COPIES):
        for article in sorted((ROOT / "seeds").iterdir()):
            shutil.copy(article, seeds / f"c{n:02d}_{article.name}")
    return root


@pytest.fixture(scope="module", autouse=True)
def frozen_code(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every run of this module uses one copy of the package, so the uninterrupted run they are
    compared with was made by the same code even while the working tree is being edited."""
    code = tmp_path_factory.mktemp("code")
    shutil.copytree(ROOT / "src" / "briefing", code / "briefing",
                    ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = str(code)
    where = subprocess.run([sys.executable, "-c", "import briefing; print(briefing.__file__)"], env=ENV,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(code)), where


ENV = dict(os.environ)


def command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "briefing.cli", "extract", *extra]


def run(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*extra), cwd=root, capture_output=True, text=True, timeout=900, env=ENV)


def start(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command(), cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)


def kill(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL; True if the process was still running (so it really was interrupted)."""
    alive = process.poll() is None
    if alive:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return alive


def sheets_written(briefings: Path) -> int:
    """Sheets on disk, counting those still in their temp files (all are written, then renamed)."""
    try:
        return sum(1 for folder in briefings.iterdir() if folder.is_dir()
                   for path in folder.iterdir() if path.name.endswith((".yaml", ".yaml.tmp")) or
                   path.name.startswith(".") and path.name.endswith(".tmp"))
    except FileNotFoundError:
        return 0


def files(briefings: Path) -> dict[str, bytes]:
    """The sheets, the schemas and the state file (not temp files, not the article cache)."""
    return {p.relative_to(briefings).as_posix(): p.read_bytes() for p in sorted(briefings.rglob("*"))
            if p.is_file() and not p.name.endswith(".tmp") and ".briefing-cache" not in p.parts}


def assert_consistent(briefings: Path) -> list[str]:
    """Every sheet and the state file parse; returns the leftover temp files (never sheet-like)."""
    leftovers = []
    if not briefings.exists():
        return leftovers
    for path in sorted(briefings.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(briefings).as_posix()
        if path.suffix == ".yaml":
            assert not path.name.startswith("."), f"{rel}: a temp file named like a sheet"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert isinstance(data, dict) and data.get("id") == path.stem, rel
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.name == ".briefing-state.jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                json.loads(line)
        else:
            assert path.name.startswith(".") and path.name.endswith(".tmp"), f"unexpected file {rel}"
            leftovers.append(rel)
    return leftovers


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, frozen_code: None) -> tuple[dict[str, bytes], float]:
    """The sheets of an uninterrupted run, and how long it took."""
    root = make_project(tmp_path_factory.mktemp("clean"))
    started = time.monotonic()
    result = run(root)
    assert result.returncode == 0, result.stderr
    return files(root / "briefings"), time.monotonic() - started


def interrupt_and_rerun(root: Path, when: str, clean_files: dict[str, bytes], duration: float) -> None:
    briefings = root / "briefings"
    sheets = sum(1 for rel in clean_files if rel.endswith(".yaml"))
    wanted = {"first sheet": 1, "half the sheets": sheets // 2}.get(when)
    process = start(root)
    if wanted is not None:      # in the middle of writing
        deadline = time.monotonic() + duration * 3 + 60
        while sheets_written(briefings) < wanted and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
    else:
        time.sleep(float(when) * duration)
    written = sheets_written(briefings)
    assert kill(process), f"extract finished before the kill at {when}: nothing was interrupted"
    if wanted is not None:
        assert wanted <= written < sheets, f"killed at {when} with {written} of {sheets} sheets written"
    leftovers = assert_consistent(briefings)
    result = run(root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert assert_consistent(briefings) == []   # the rerun removed the killed run's temp files
    assert files(briefings) == clean_files, f"killed at {when} ({written} sheets written, {leftovers=})"


@pytest.mark.parametrize("when", ["first sheet", "half the sheets", "0.4"])
def test_sigkill_during_first_extract(tmp_path, clean, when):
    clean_files, duration = clean
    interrupt_and_rerun(make_project(tmp_path), when, clean_files, duration)


def test_sigkill_keeps_editor_work(tmp_path, clean):
    """An editor's comment and rejection survive a run killed while it rewrites their sheet."""
    clean_files, duration = clean
    root = make_project(tmp_path)
    briefings = root / "briefings"
    for rel, data in clean_files.items():
        (briefings / rel).parent.mkdir(parents=True, exist_ok=True)
        (briefings / rel).write_bytes(data)
    raqqa = briefings / "locations/raqqa.yaml"
    text = raqqa.read_text(encoding="utf-8").replace("kind: city\n", "kind: city  # editor: not the province\n")
    fact_id = yaml.safe_load(text)["facts"][0]["id"]
    head, _, tail = text.partition(f"  - id: {fact_id}\n")
    tail = tail.replace("    status: extracted\n", "    status: rejected\n", 1)
    raqqa.write_text(f"{head}  - id: {fact_id}\n{tail}", encoding="utf-8")
    # a second batch of articles mentioning Raqqa, so the sheet is rewritten
    for n in range(COPIES, COPIES + 10):
        for article in sorted((ROOT / "seeds").iterdir()):
            shutil.copy(article, root / "seeds" / f"c{n:02d}_{article.name}")
    before_mtime = raqqa.stat().st_mtime_ns
    process = start(root)
    deadline = time.monotonic() + duration * 3 + 30
    sources = briefings / "sources"
    while (len(list(sources.glob("c3*.yaml"))) == 0 and process.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.002)
    kill(process)
    assert_consistent(briefings)
    for _ in range(2):
        text = raqqa.read_text(encoding="utf-8")
        assert "kind: city  # editor: not the province\n" in text
        rejected = [f for f in yaml.safe_load(text)["facts"] if f["id"] == fact_id]
        assert rejected and rejected[0]["status"] == "rejected"
        result = run(root)
        assert result.returncode == 0, result.stderr
    assert raqqa.stat().st_mtime_ns != before_mtime     # the rerun really merged into it
    assert run(root, "--check").returncode == 0

#!/usr/bin/python3
"""Execute the kit's notebooks headless on the project-local tslab kernel.

Usage (normally through npm):
    /usr/bin/python3 environment/run_notebooks.py [--profile quick|full] [--out DIR]
        [--results DIR] [--no-cache] [NOTEBOOK ...]

Without arguments it runs every notebooks/*.ipynb that git tracks, in file-name order (00-, 11-,
21-, ...); an untracked one (a scratch notebook) is named and skipped.
Each profile writes to its own build folder, build/<profile>/ (issue 19: a quick session never
overwrites a full reproduce): each executed notebook goes to build/<profile>/notebooks/<name>.ipynb,
a timing log to build/<profile>/run-log.json (kept apart from the results so they stay diffable),
and the notebooks write their results JSON and timings to build/<profile>/results/ and their
figures and maps to build/<profile>/figures/ and build/<profile>/maps/ (the kit's profileSubdir).
Shared by both profiles: the cache build/cache/ and build/run-times.json, into which each
notebook's last successful time per profile is merged (the notebooks' banners print it through
notebookStart). $PERMAFROST_BUILD_DIR moves the whole build root, as it does for the kit.
--out DIR puts the executed notebooks and run-log.json (and the run-times.json of this run) in
DIR instead; --results DIR makes the notebooks write their results JSON (and timings) to DIR
instead of build/<profile>/results (it sets PERMAFROST_RESULTS_DIR), so two runs can be compared
side by side; --no-cache sets PERMAFROST_NO_CACHE=1 (every cached stage recomputes). At the end
the runner prints where this run's outputs are.

tslab answers a failing cell with an execute_reply that has status "error" but no
ename/evalue/traceback (nbconvert then prints an empty "<Error>:"); the message itself
arrives on the cell's stderr stream. This runner therefore executes cell by cell and, on
failure, prints the notebook, the cell number, the cell's source and its stderr, adds a
proper error output to the executed copy, and exits non-zero after running the rest.

Progress: each notebook's kernel gets PERMAFROST_PROGRESS_FILE, a fresh temporary file to which
the kit's long stages (grid search, member maps, bootstrap, site-grouped CV, pixel trends)
append one JSON line per progress event (src/notebook/progress.ts). A background thread tails
it while the notebook runs and prints each event, e.g.
    [notebooks] 14-alt-uncertainty: bootstrap 12/40 replicates (30 %), 2m10s elapsed, ETA 5m03s
A stage prints its final line, and while it runs its latest event after HOLD_FIRST_S seconds
and then every TERMINAL_EVERY_S seconds (a short stage prints one line). When nothing was
printed for HEARTBEAT_S seconds it prints
    [notebooks] 14-alt-uncertainty: still running code cell 7/20, 5m00s elapsed
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = Path(__file__).resolve().parent.parent
KERNEL_DIR = ROOT / "environment" / "jupyter"
CELL_TIMEOUT_S = {"quick": 900, "full": 4 * 3600}
PROGRESS_ENV = "PERMAFROST_PROGRESS_FILE"
HEARTBEAT_S = 60        # a "still running" line after this long without any line
HOLD_FIRST_S = 10       # a running stage's first line after this long (a short stage prints only its final line)
TERMINAL_EVERY_S = 30   # then at most one line per stage this often
POLL_S = 0.5


def project_notebooks():
    """notebooks/*.ipynb that git tracks (a scratch notebook made with New > TypeScript is not run,
    and is named); every notebooks/*.ipynb when the project is not a git work tree."""
    found = sorted((ROOT / "notebooks").glob("*.ipynb"))
    try:
        out = subprocess.run(["git", "ls-files", "--", "notebooks/*.ipynb"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return found
    if not out:
        return found
    tracked = {ROOT / p for p in out}
    skipped = [p.name for p in found if p not in tracked]
    if skipped:
        print(f"run_notebooks: not running notebooks git does not track (scratch): {', '.join(skipped)}", file=sys.stderr)
    return [p for p in found if p in tracked]


def format_duration(seconds):
    """45s, 2m05s, 1h03m: as formatDuration in src/notebook/progress.ts."""
    s = int(round(max(0.0, seconds)))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{(s % 3600) // 60:02d}m"


def event_text(ev):
    """The terminal text of one progress event (the kit's own line when present)."""
    line = ev.get("line")
    if isinstance(line, str) and line:
        return line
    done, total = ev.get("done", 0), ev.get("total", 0)
    pct = 100 if not total else int(100 * done / total)
    head = f"{ev.get('stage', '?')}: {done}/{total} {ev.get('unit', 'steps')} ({pct} %)"
    elapsed = format_duration(float(ev.get("elapsedS") or 0))
    if ev.get("final"):
        return f"{head}, done in {elapsed}"
    eta = ev.get("etaS")
    return f"{head}, {elapsed} elapsed, ETA {'…' if eta is None else format_duration(float(eta))}"


class ProgressTail(threading.Thread):
    """Tail a notebook's progress file and print its events (and a heartbeat) to the terminal.

    The kit emits an event when a stage starts, about every 5 s, and when it ends. The terminal
    gets less: a stage's final line always; while it runs, its latest event once it has run
    HOLD_FIRST_S seconds and then at most every TERMINAL_EVERY_S seconds. A short stage thus
    prints one line, a 50-minute one about a hundred.
    """

    def __init__(self, file: Path, name: str, state: dict, t0: float):
        super().__init__(daemon=True)
        self.file, self.name, self.state, self.t0 = file, name, state, t0
        self.offset = 0
        self.partial = b""
        self.latest = None           # the running stage's latest event not yet printed
        self.stage_started = 0.0     # when the running stage's first event was read
        self.stage_printed = None    # when a line of the running stage was last printed
        self.last_print = time.time()
        self.lock = threading.Lock()
        self.stop_event = threading.Event()

    def say(self, text):
        print(f"[notebooks] {self.name}: {text}", flush=True)
        self.last_print = time.time()

    def read_events(self):
        try:
            with open(self.file, "rb") as f:
                f.seek(self.offset)
                chunk = f.read()
        except OSError:
            return []
        self.offset += len(chunk)
        lines = (self.partial + chunk).split(b"\n")
        self.partial = lines.pop()   # an incomplete last line waits for the next read
        events = []
        for raw in lines:
            try:
                ev = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(ev, dict):
                events.append(ev)
        return events

    def handle(self, ev):
        now = time.time()
        if ev.get("final"):
            self.say(event_text(ev))
            self.latest, self.stage_printed = None, None
            return
        if ev.get("done") == 0:      # a stage starts (every reporter's first event)
            self.stage_started, self.stage_printed = now, None
        self.latest = ev

    def poll(self):
        with self.lock:
            for ev in self.read_events():
                self.handle(ev)
            now = time.time()
            if self.latest is not None:
                due = (now - self.stage_started >= HOLD_FIRST_S if self.stage_printed is None
                       else now - self.stage_printed >= TERMINAL_EVERY_S)
                if due:
                    self.say(event_text(self.latest))
                    self.latest, self.stage_printed = None, now
            if now - self.last_print >= HEARTBEAT_S:
                cell, cells = self.state.get("cell", 0), self.state.get("cells", 0)
                self.say(f"still running code cell {cell}/{cells}, {format_duration(now - self.t0)} elapsed")

    def run(self):
        while not self.stop_event.wait(POLL_S):
            self.poll()

    def stop(self):
        """Stop tailing; print the final lines written since the last poll."""
        self.stop_event.set()
        self.join()
        with self.lock:
            for ev in self.read_events():
                if ev.get("final"):
                    self.say(event_text(ev))


def stderr_of(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def run_one(path: Path, profile: str, out_dir: Path):
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=CELL_TIMEOUT_S[profile],
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    failure = None
    t0 = time.time()
    code_no = 0
    # a fresh progress file per notebook; the kernel inherits it through the environment
    fd, progress_name = tempfile.mkstemp(prefix="permafrost-progress-", suffix=".jsonl")
    os.close(fd)
    progress_file = Path(progress_name)
    previous = os.environ.get(PROGRESS_ENV)
    os.environ[PROGRESS_ENV] = str(progress_file)
    state = {"cell": 0, "cells": sum(1 for c in nb.cells if c.cell_type == "code")}
    tail = ProgressTail(progress_file, path.stem, state, t0)
    tail.start()
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                code_no += 1
                state["cell"] = code_no
                try:
                    client.execute_cell(cell, index)
                except (CellExecutionError, CellTimeoutError) as err:
                    message = stderr_of(cell).strip() or str(err).strip() or "(no message)"
                    first = message.splitlines()[0] if message else ""
                    cell.outputs.append(nbformat.v4.new_output(
                        "error", ename="CellError", evalue=first, traceback=message.splitlines()))
                    failure = {"cell_index": index, "code_cell": code_no,
                               "source": cell.source, "stderr": message}
                    break
    finally:
        tail.stop()
        if previous is None:
            os.environ.pop(PROGRESS_ENV, None)
        else:
            os.environ[PROGRESS_ENV] = previous
        progress_file.unlink(missing_ok=True)
    seconds = time.time() - t0
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(out_dir / path.name))
    return seconds, failure


def record_run_times(file: Path, profile: str, runs):
    """Merge this run's successful notebook times into build/run-times.json (shared by both profiles).

    The file keeps, per profile, each notebook's last successful run on this machine:
    {"quick": {"00-start-here": {"seconds": 9.8, "finished": "2026-11-21T19:30:00Z"}}, "full": {}}.
    notebookStart() prints these times in every notebook's banner (never a typed-in number).
    """
    try:
        times = json.loads(file.read_text())
        if not isinstance(times, dict):
            times = {}
    except (OSError, ValueError):
        times = {}
    per_profile = times.setdefault(profile, {})
    for run in runs:
        if run["status"] != "ok":
            continue
        per_profile[Path(run["notebook"]).stem] = {"seconds": run["seconds"], "finished": run["finished"]}
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(json.dumps(times, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, file)


def machine_info():
    """Cores, CPU model, memory and Node.js version of this machine (recorded with every time)."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kib = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal:"))
        mem = round(mem_kib / 2 ** 20, 2)
    except (OSError, StopIteration, ValueError):
        mem = None
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {"cores": len(os.sched_getaffinity(0)), "cpuModel": model, "memoryGiB": mem, "node": node}


def write_timing_table(results_dir: Path, log, machine):
    """Write <results>/timings/table.md: each notebook's wall time and its stages' times.

    Built from this run's log and the timings each notebook wrote (<results>/timings/<nb>.json),
    with the machine next to it, so the table a reader sees is the one measured on the run.
    """
    tdir = results_dir / "timings"
    tdir.mkdir(parents=True, exist_ok=True)
    total = sum(r["seconds"] for r in log["notebooks"])
    lines = [f"# Notebook times, profile {log['profile']}", "",
             f"Measured {log['started']} – {log['finished']} on {machine['cores']} cores, {machine['cpuModel']}, "
             f"{machine['memoryGiB']} GiB, Node {machine['node']}; cache "
             f"{'off (--no-cache)' if log['noCache'] else ('on, empty at the start' if log['cacheEmptyAtStart'] else 'on, with entries from earlier runs')}; "
             f"{len(log['notebooks'])} notebooks, {total:.0f} s ({total / 60:.1f} min) in all.", "",
             "| notebook | status | wall (s) | stages (s; * = from the cache) |", "|---|---|---:|---|"]
    for run in log["notebooks"]:
        stem = Path(run["notebook"]).stem
        stages = ""
        try:
            t = json.loads((tdir / f"{stem}.json").read_text())
            if t.get("finished", "")[:19] >= log["started"][:19]:
                stages = "; ".join(f"{k} {v['ms'] / 1000:.1f}{'*' if v.get('cacheHit') else ''}"
                                   for k, v in t["stages"].items() if k != "total")
        except (OSError, ValueError, KeyError):
            pass
        lines.append(f"| {stem} | {run['status']} | {run['seconds']:.1f} | {stages} |")
    tmp = tdir / "table.md.tmp"
    tmp.write_text("\n".join(lines) + "\n")
    os.replace(tmp, tdir / "table.md")
    return tdir / "table.md"


def build_root():
    """The build root: $PERMAFROST_BUILD_DIR (made absolute and exported as such, so the kernels,
    which run in notebooks/, resolve it the same way) or build/ of the project, as buildDir() in
    src/project/paths.ts."""
    env = os.environ.get("PERMAFROST_BUILD_DIR")
    if not env:
        return ROOT / "build"
    root = Path(env).resolve()
    os.environ["PERMAFROST_BUILD_DIR"] = str(root)
    return root


def shown(p: Path):
    """A path as the user should read it: relative to the project when inside it."""
    try:
        return str(Path(p).resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


def print_outputs(profile, build: Path, results_dir: Path, profile_dir: Path):
    """Say where this run's outputs are (issue 19: each profile has its own build folder)."""
    rows = [("executed notebooks", f"{shown(build / 'notebooks')}/"),
            ("run log", shown(build / "run-log.json")),
            ("results and timings", f"{shown(results_dir)}/")]
    for sub in ("figures", "maps"):
        if (profile_dir / sub).is_dir():
            rows.append((sub, f"{shown(profile_dir / sub)}/"))
    print(f"[notebooks] outputs of this run (profile {profile}, build folder {shown(profile_dir)}/):")
    for what, where in rows:
        print(f"[notebooks]   {what + ':':<21} {where}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default=os.environ.get("PERMAFROST_PROFILE", "quick"),
                    choices=["quick", "full"])
    ap.add_argument("--out", default=None,
                    help="output folder for executed notebooks and run-log.json (default build/<profile>/)")
    ap.add_argument("--results", default=None,
                    help="folder for the notebooks' results JSON (sets PERMAFROST_RESULTS_DIR; "
                         "default build/<profile>/results)")
    ap.add_argument("--no-cache", action="store_true",
                    help="recompute every cached stage (sets PERMAFROST_NO_CACHE=1)")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()

    os.environ["PERMAFROST_PROFILE"] = args.profile
    os.environ.setdefault("PERMAFROST_STRICT_FIGURES", "1")
    root = build_root()
    profile_dir = root / args.profile
    if args.results:
        os.environ["PERMAFROST_RESULTS_DIR"] = str(Path(args.results).resolve())
    elif os.environ.get("PERMAFROST_RESULTS_DIR"):
        os.environ["PERMAFROST_RESULTS_DIR"] = str(Path(os.environ["PERMAFROST_RESULTS_DIR"]).resolve())
    else:
        os.environ["PERMAFROST_RESULTS_DIR"] = str(profile_dir / "results")
    results_dir = Path(os.environ["PERMAFROST_RESULTS_DIR"])
    if args.no_cache:
        os.environ["PERMAFROST_NO_CACHE"] = "1"
    os.environ["JUPYTER_PATH"] = str(KERNEL_DIR) + (
        os.pathsep + os.environ["JUPYTER_PATH"] if os.environ.get("JUPYTER_PATH") else "")

    paths = [Path(p).resolve() for p in args.notebooks] or project_notebooks()
    if not paths:
        print("run_notebooks: no notebooks found in notebooks/", file=sys.stderr)
        return 2
    build = Path(args.out).resolve() if args.out else profile_dir
    machine = machine_info()
    cache_dir = root / "cache"
    cache_empty = not cache_dir.exists() or not any(p.is_file() for p in cache_dir.rglob("*.json"))
    log = {"profile": args.profile, "noCache": bool(args.no_cache), "cacheEmptyAtStart": cache_empty, "machine": machine,
           "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "notebooks": []}
    failures = []
    for path in paths:
        rel = Path(os.path.relpath(path, ROOT))
        print(f"[notebooks] {rel} (profile {args.profile}) ...", flush=True)
        seconds, failure = run_one(path, args.profile, build / "notebooks")
        status = "ok" if failure is None else "FAILED"
        print(f"[notebooks] {rel}: {status} in {seconds:.1f} s", flush=True)
        log["notebooks"].append({"notebook": str(rel), "status": status,
                                 "seconds": round(seconds, 2),
                                 "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                 "failure": failure})
        if failure:
            failures.append((rel, failure))
    build.mkdir(parents=True, exist_ok=True)
    log["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    (build / "run-log.json").write_text(json.dumps(log, indent=2) + "\n")
    table = write_timing_table(results_dir, log, machine)
    print(f"[notebooks] timings table: {shown(table)}", flush=True)
    # the shared record the banners read; a run with its own --out (e.g. a rerun pass) keeps its own
    record_run_times((build if args.out else root) / "run-times.json", args.profile, log["notebooks"])

    for rel, f in failures:
        bar = "=" * 72
        print(f"\n{bar}\nFAILED: {rel}, code cell {f['code_cell']} "
              f"(cell index {f['cell_index']})\n--- source ---\n{f['source']}\n"
              f"--- error ---\n{f['stderr']}\n{bar}", file=sys.stderr)
    print_outputs(args.profile, build, results_dir, profile_dir)
    total = len(paths)
    print(f"notebooks: {total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

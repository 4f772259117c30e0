#!/usr/bin/python3
"""Execute the kit's notebooks headless on the project-local tslab kernel.

Usage (normally through npm):
    /usr/bin/python3 environment/run_notebooks.py [--profile quick|full] [--out DIR]
        [--results DIR] [--no-cache] [NOTEBOOK ...]

Without arguments it runs every notebooks/*.ipynb in file-name order (00-, 11-, 21-, ...).
Each executed notebook is written to build/notebooks/<name>.ipynb. A timing log goes to
build/run-log.json (kept apart from build/results/ so results stay diffable), and each
notebook's last successful time per profile is merged into build/run-times.json (which the
notebooks' banners print through notebookStart).
--results DIR makes the notebooks write their results JSON (and timings) to DIR instead of
build/results (it sets PERMAFROST_RESULTS_DIR), so two runs can be compared side by side;
--no-cache sets PERMAFROST_NO_CACHE=1 (every cached stage recomputes).

tslab answers a failing cell with an execute_reply that has status "error" but no
ename/evalue/traceback (nbconvert then prints an empty "<Error>:"); the message itself
arrives on the cell's stderr stream. This runner therefore executes cell by cell and, on
failure, prints the notebook, the cell number, the cell's source and its stderr, adds a
proper error output to the executed copy, and exits non-zero after running the rest.
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = Path(__file__).resolve().parent.parent
KERNEL_DIR = ROOT / "environment" / "jupyter"
CELL_TIMEOUT_S = {"quick": 900, "full": 4 * 3600}


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
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            code_no += 1
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
    seconds = time.time() - t0
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(out_dir / path.name))
    return seconds, failure


def record_run_times(file: Path, profile: str, runs):
    """Merge this run's successful notebook times into build/run-times.json.

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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default=os.environ.get("PERMAFROST_PROFILE", "quick"),
                    choices=["quick", "full"])
    ap.add_argument("--out", default=str(ROOT / "build"),
                    help="output folder for executed notebooks and run-log.json (default build/)")
    ap.add_argument("--results", default=None,
                    help="folder for the notebooks' results JSON (sets PERMAFROST_RESULTS_DIR; "
                         "default build/results)")
    ap.add_argument("--no-cache", action="store_true",
                    help="recompute every cached stage (sets PERMAFROST_NO_CACHE=1)")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()

    os.environ["PERMAFROST_PROFILE"] = args.profile
    os.environ.setdefault("PERMAFROST_STRICT_FIGURES", "1")
    if args.results:
        os.environ["PERMAFROST_RESULTS_DIR"] = str(Path(args.results).resolve())
    if args.no_cache:
        os.environ["PERMAFROST_NO_CACHE"] = "1"
    os.environ["JUPYTER_PATH"] = str(KERNEL_DIR) + (
        os.pathsep + os.environ["JUPYTER_PATH"] if os.environ.get("JUPYTER_PATH") else "")

    paths = [Path(p).resolve() for p in args.notebooks] or sorted(
        (ROOT / "notebooks").glob("*.ipynb"))
    if not paths:
        print("run_notebooks: no notebooks found in notebooks/", file=sys.stderr)
        return 2
    build = Path(args.out).resolve()
    log = {"profile": args.profile, "notebooks": []}
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
    (build / "run-log.json").write_text(json.dumps(log, indent=2) + "\n")
    record_run_times(build / "run-times.json", args.profile, log["notebooks"])

    for rel, f in failures:
        bar = "=" * 72
        print(f"\n{bar}\nFAILED: {rel}, code cell {f['code_cell']} "
              f"(cell index {f['cell_index']})\n--- source ---\n{f['source']}\n"
              f"--- error ---\n{f['stderr']}\n{bar}", file=sys.stderr)
    total = len(paths)
    print(f"notebooks: {total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

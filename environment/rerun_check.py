#!/usr/bin/python3
"""Reruns are bit-identical: run the quick paper-1 chain (notebooks 11-17) twice with the cache
off and compare every results JSON byte for byte.

Usage (normally `npm run test:rerun`, after `npm run build`):
    /usr/bin/python3 environment/rerun_check.py [--keep] [--against DIR] [NOTEBOOK ...]

With --against DIR (what `npm test` does, --against build/quick/results, after `npm run
test:notebooks` has run every notebook with the cache off into the quick profile's build folder),
the results already in DIR are pass 1 and only pass 2 runs, so the check costs one pass of the
chain instead of two.

Each pass runs environment/run_notebooks.py --profile quick --no-cache --results DIR with its own
DIR under build/rerun/ (executed notebooks go to build/rerun/<pass>/; figures and maps go to the
quick profile's folder build/quick/, as in any quick run, never to build/full/). Then every
<DIR>/<notebook>.json of pass 1 is compared with pass 2: a file missing from either pass or
differing in any byte is reported with the first differing key path (e.g.
`$.ensemble.metrics.r2`) and both values. Timings (DIR/timings/) are not compared. Exits 0 when
every file is identical, 1 otherwise. Prints the wall time of each pass. A notebook that fails
in a pass is run once more on its own (tslab occasionally aborts a cell with "Unexpected pending
rebuildTimer"); retries are listed in the summary, and a second failure fails the check.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "environment" / "run_notebooks.py"
CHAIN = ["11-alt-data", "12-alt-grid-search", "13-alt-maps-trends", "14-alt-uncertainty",
         "15-alt-drivers", "16-alt-fire-and-sites", "17-alt-published-product"]


def first_difference(a, b, where="$"):
    """The key path of the first difference between two parsed JSON values, or None."""
    if type(a) is not type(b):
        return where, a, b
    if isinstance(a, dict):
        for k in list(a.keys()) + [k for k in b.keys() if k not in a]:
            if k not in a or k not in b:
                return f"{where}.{k}", a.get(k, "<missing>"), b.get(k, "<missing>")
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        if list(a.keys()) != list(b.keys()):
            return f"{where} (key order)", list(a.keys()), list(b.keys())
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{where} (length)", len(a), len(b)
        return None
    if a != b or repr(a) != repr(b):
        return where, a, b
    return None


def compare(dir1: Path, dir2: Path, only=None):
    """Problems found comparing the results JSON of two passes (empty when identical); `only`
    limits the comparison to these file names."""
    problems = []
    names = sorted({p.name for p in dir1.glob("*.json")} | {p.name for p in dir2.glob("*.json")})
    if only is not None:
        names = [n for n in names if n in only] + [n for n in sorted(only) if n not in names]
    if not names:
        problems.append(f"no results JSON in {dir1} or {dir2}")
    for name in names:
        f1, f2 = dir1 / name, dir2 / name
        if not f1.exists() or not f2.exists():
            problems.append(f"{name}: written by pass {'2' if f2.exists() else '1'} only")
            continue
        b1, b2 = f1.read_bytes(), f2.read_bytes()
        if b1 == b2:
            continue
        try:
            d = first_difference(json.loads(b1), json.loads(b2))
        except ValueError as e:
            d = (f"(unparsable: {e})", None, None)
        if d is None:
            offset = next(i for i, (x, y) in enumerate(zip(b1, b2)) if x != y) if any(
                x != y for x, y in zip(b1, b2)) else min(len(b1), len(b2))
            problems.append(f"{name}: same JSON values but different bytes from byte {offset}")
        else:
            path, v1, v2 = d
            problems.append(f"{name}: first difference at {path}: pass 1 {json.dumps(v1)[:120]}, "
                            f"pass 2 {json.dumps(v2)[:120]}")
    return problems, names


def run_pass(paths, out: Path, results: Path, env):
    """Run notebooks with the cache off, results to `results`; returns the runner's exit code."""
    return subprocess.run(["/usr/bin/python3", str(RUNNER), "--profile", "quick", "--no-cache",
                           "--out", str(out), "--results", str(results)] + list(paths),
                          env=env).returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", action="store_true", help="keep build/rerun/ afterwards")
    ap.add_argument("--against", type=Path, help="results folder of an earlier cache-off run to use as pass 1")
    ap.add_argument("notebooks", nargs="*", help="notebook names (default 11-16)")
    args = ap.parse_args()
    chain = args.notebooks or CHAIN
    paths = [str(ROOT / "notebooks" / (n if n.endswith(".ipynb") else f"{n}.ipynb")) for n in chain]
    base = ROOT / "build" / "rerun"
    shutil.rmtree(base, ignore_errors=True)
    env = dict(os.environ, PERMAFROST_PROFILE="quick", PERMAFROST_NO_CACHE="1")
    dirs = []
    retried = []
    if args.against is not None:
        if not args.against.is_dir():
            print(f"rerun: --against {args.against}: no such folder", file=sys.stderr)
            return 1
        print(f"[rerun] pass 1: the results already in {args.against}", flush=True)
        dirs.append(args.against)
    for k in ((2,) if args.against is not None else (1, 2)):
        out = base / f"pass{k}"
        results = out / "results"
        t0 = time.time()
        print(f"[rerun] pass {k}: {len(paths)} notebooks, cache off, results in {results}", flush=True)
        r = run_pass(paths, out, results, env)
        if r != 0:
            # tslab sometimes dies with "Unexpected pending rebuildTimer" when a file its
            # TypeScript program watches changes under it; with the cache off every notebook
            # recomputes from the data, so a failed notebook is run once more on its own.
            log = json.loads((out / "run-log.json").read_text())
            failed = [str(ROOT / n["notebook"]) for n in log["notebooks"] if n["status"] != "ok"]
            print(f"[rerun] pass {k}: retrying {len(failed)} failed notebook(s) once: "
                  f"{', '.join(Path(f).name for f in failed)}", flush=True)
            retried.extend(f"pass {k}: {Path(f).name}" for f in failed)
            r = run_pass(failed, out / "retry", results, env) if failed else r
        print(f"[rerun] pass {k}: {time.time() - t0:.1f} s", flush=True)
        if r != 0:
            print(f"rerun: pass {k} failed (exit {r}); see the runner's report above",
                  file=sys.stderr)
            return 1
        dirs.append(results)
    chain_names = {Path(p).stem + ".json" for p in paths}
    problems, names = compare(dirs[0], dirs[1], chain_names)
    if problems:
        print("rerun: results differ between two identical runs:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"rerun: {len(names)} results files byte-identical across two runs: {', '.join(names)}")
    if retried:
        print(f"rerun: notebooks that failed once and passed on a retry: {', '.join(retried)}")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

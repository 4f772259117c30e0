"""Execute one exercise notebook headless on the project's tslab kernel, surviving broken cells.

Used by `npm run exercises` (a master in record mode, a student notebook in check mode) and
`npm run grade` (a submission in grade mode); the PERMAFROST_EXERCISE_* variables come from the
caller's environment. Unlike run_notebooks.py, a cell that fails does not stop the run: its error is
recorded and the next cell runs (a student's broken cell costs that question, not the rest). tslab's error
reply carries no message (it is on the cell's stderr), so the cell gets a proper error output. A cell
that runs past --timeout is interrupted (SIGINT, which tslab honours) and counted as failed; a kernel that dies is restarted for the remaining cells
(their earlier state is gone, so their checks fail and say so).

Usage: run_exercise.py NOTEBOOK --out EXECUTED.ipynb [--timeout SECONDS]
Prints one JSON line: {"seconds", "cells", "errors": [{"cell", "ename", "evalue"}], "restarts"}.
"""
import argparse
import math
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError


def stderr_of(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def error_of(cell):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return o.get("ename", "Error"), o.get("evalue", "")
    return None


TSLAB_ERROR_PAUSE_S = 0.5


class Client(NotebookClient):
    """nbclient with allow_errors (so the kernel is not told to stop on an error, which makes tslab
    abort the requests that follow) that still learns which cells failed from their replies."""

    failed = None

    async def _check_raise_for_error(self, cell, cell_index, exec_reply):
        if exec_reply is not None and exec_reply.get("content", {}).get("status") == "error":
            self.failed = cell_index
        await super()._check_raise_for_error(cell, cell_index, exec_reply)


def new_client(nb, path, timeout):
    return Client(nb, kernel_name="tslab", timeout=timeout, allow_errors=True, interrupt_on_timeout=True,
                  resources={"metadata": {"path": str(path.parent)}})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebook")
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    # nbclient takes whole seconds
    args.timeout = max(1, math.ceil(args.timeout))
    # the project-local tslab kernel, as run_notebooks.py; exercises use the quick profile unless told
    kernel_dir = Path(__file__).resolve().parent / "jupyter"
    os.environ["JUPYTER_PATH"] = str(kernel_dir) + (os.pathsep + os.environ["JUPYTER_PATH"] if os.environ.get("JUPYTER_PATH") else "")
    os.environ.setdefault("PERMAFROST_PROFILE", "quick")
    path = Path(args.notebook).resolve()
    nb = nbformat.read(str(path), as_version=4)
    client = new_client(nb, path, args.timeout)
    errors = []
    restarts = 0
    t0 = time.time()
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    k = 0
    while k < len(code_cells):
        try:
            with client.setup_kernel():
                while k < len(code_cells):
                    index = code_cells[k]
                    cell = nb.cells[index]
                    k += 1
                    client.failed = None
                    started = time.time()
                    try:
                        client.execute_cell(cell, index)
                    except CellTimeoutError:
                        errors.append({"cell": index + 1, "ename": "Timeout",
                                       "evalue": f"the cell ran past {args.timeout} s and was interrupted"})
                        continue
                    if client.failed is not None:
                        # tslab's error reply has no ename/evalue; the message is on the cell's stderr
                        message = stderr_of(cell).strip() or "(no message)"
                        lines = message.splitlines()
                        named = [ln for ln in lines if ln.split(":")[0].endswith("Error")]
                        first = named[0] if named else lines[0]
                        if error_of(cell) is None:
                            cell.outputs.append(nbformat.v4.new_output("error", ename="CellError", evalue=first, traceback=lines))
                        if "SIGINT" in message and time.time() - started >= args.timeout:
                            errors.append({"cell": index + 1, "ename": "Timeout",
                                           "evalue": f"the cell ran past {args.timeout} s and was interrupted"})
                        else:
                            errors.append({"cell": index + 1, "ename": "CellError", "evalue": first})
                        # after an error tslab cancels every request that arrives within 200 ms
                        # (yunabe/tslab#19): wait before the next cell, or it would be aborted unrun
                        time.sleep(TSLAB_ERROR_PAUSE_S)
        except DeadKernelError as err:
            errors.append({"cell": code_cells[k - 1] + 1, "ename": "DeadKernel", "evalue": str(err).splitlines()[0] if str(err) else "the kernel died"})
            restarts += 1
            client = new_client(nb, path, args.timeout)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    nbformat.write(nb, str(tmp))
    tmp.replace(out)
    print(json.dumps({"seconds": round(time.time() - t0, 2), "cells": len(code_cells), "errors": errors, "restarts": restarts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

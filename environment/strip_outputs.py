#!/usr/bin/python3
"""Git clean filter for notebooks: outputs never reach git (issue 19).

Reads a notebook (.ipynb JSON) on stdin and writes it to stdout with every code cell's outputs
emptied and execution count cleared, and nothing else changed: the key order and the layout of
the project's notebooks (one-space indent, UTF-8, a final newline) are kept, so a notebook that
has no outputs passes through byte for byte. Text that is not a notebook passes through unchanged
(git must never lose a file because the filter could not read it).

environment/setup registers it (git config filter.permafrost-strip-outputs.clean ...) and
.gitattributes applies it to *.ipynb; saving a notebook in Jupyter then changes nothing that
`git diff` or `git commit` sees unless its code or text changed.
"""
import json
import sys


def strip(text):
    try:
        nb = json.loads(text)
    except ValueError:
        return text
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return text
    for cell in nb["cells"]:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    indent = 1
    for line in text.splitlines()[1:2]:
        indent = len(line) - len(line.lstrip(" ")) or 1
    return json.dumps(nb, indent=indent, ensure_ascii=False) + "\n"


def main():
    data = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(strip(data).encode("utf-8"))


if __name__ == "__main__":
    main()

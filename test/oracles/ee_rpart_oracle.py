#!/usr/bin/python3
"""An independent reader of an Earth Engine ensemble export (issue 20, part 3).

Written from the description of the text format, not from the kit's TypeScript: the tree text
that R's rpart prints (print.rpart: "node), split, n, deviance, yval; * denotes terminal node"),
which Earth Engine's ee.Classifier.decisionTree / decisionTreeEnsemble read, with the operator
variants other writers use (geemap's ml.tree_to_string: "name <= t" / "name > t"; Smile's CART:
"name<=t" / "name>t"; rpart: "name< t" / "name>=t"). The file layout is geemap's trees_to_csv:
one tree per line, '#' for each newline.

    ee_rpart_oracle.py EXPORT_DIR ROWS.json OUT.bin

EXPORT_DIR  the ee/ folder: member-<k>/trees-<p>.txt (found by listing, numbered order)
ROWS.json   {"bands": [...], "nRows": N, "file": "rows.bin"}: rows.bin holds N rows of
            float64 (little-endian), one value per band in that order, NaN = masked
OUT.bin     written: float64 arrays of N values, one per member (mean of its trees, in file
            order), then the ensemble (mean of the members, double precision), then the map
            value (members rounded to float32, summed in double, divided by the member count,
            rounded to float32) -- NaN where a row has a masked band (Earth Engine masks such
            a pixel).

Prints a JSON summary (members, trees and nodes per member, masked rows) on stdout. Any
malformed line, missing child, unknown band, or a row that satisfies neither or both child
conditions is an error (exit 1) naming the file, tree and line.
"""
import json
import math
import os
import re
import struct
import sys
from array import array

LINE = re.compile(r'^\s*(\d+)\)\s+(.*?)\s*$')
SPLIT = re.compile(r'^([^\s<>=()*#]+)\s*(<=|>=|<|>)\s*(\S+)$')
OPS = {
    '<=': lambda x, t: x <= t,
    '<': lambda x, t: x < t,
    '>=': lambda x, t: x >= t,
    '>': lambda x, t: x > t,
}


class FormatError(Exception):
    pass


def parse_tree(text, where):
    """One tree -> {id: node}; node = dict(cond=(band, op, t) or None, yval, leaf)."""
    nodes = {}
    order = []
    for no, raw in enumerate(text.split('\n'), start=1):
        if raw.strip() == '':
            continue
        if raw.strip().startswith(('n=', 'node)', '*')):  # rpart's header lines
            continue
        m = LINE.match(raw)
        if m is None:
            raise FormatError(f'{where} line {no}: not "<id>) <split> <n> <deviance> <yval>": {raw!r}')
        node_id = int(m.group(1))
        rest = m.group(2)
        leaf = rest.endswith('*')
        if leaf:
            rest = rest[:-1].rstrip()
        rest = re.sub(r'\s*\([^()]*\)$', '', rest)  # a classification tree's (yprob) group
        tokens = rest.split()
        if len(tokens) < 4:
            raise FormatError(f'{where} line {no}: too few fields: {raw!r}')
        n, dev, yval = tokens[-3:]
        split = ' '.join(tokens[:-3])
        try:
            int(n)
            float(dev)
            yval = float(yval)
        except ValueError:
            raise FormatError(f'{where} line {no}: n, deviance, yval not numbers: {raw!r}')
        if not math.isfinite(yval):
            raise FormatError(f'{where} line {no}: yval not finite: {raw!r}')
        if split == 'root':
            cond = None
        else:
            s = SPLIT.match(split)
            if s is None:
                raise FormatError(f'{where} line {no}: split not "<band> <op> <number>": {split!r}')
            t = float(s.group(3))
            if math.isnan(t):
                raise FormatError(f'{where} line {no}: threshold is NaN')
            cond = (s.group(1), s.group(2), t)
        if node_id in nodes:
            raise FormatError(f'{where} line {no}: node {node_id} twice')
        if (node_id == 1) != (cond is None):
            raise FormatError(f'{where} line {no}: only node 1 is the root, and it has no split')
        if node_id != 1:
            parent = nodes.get(node_id // 2)
            if parent is None:
                raise FormatError(f'{where} line {no}: node {node_id} before its parent {node_id // 2}')
            if parent['leaf']:
                raise FormatError(f'{where} line {no}: node {node_id} under the leaf {node_id // 2}')
        nodes[node_id] = dict(cond=cond, yval=yval, leaf=leaf)
        order.append(node_id)
    if 1 not in nodes:
        raise FormatError(f'{where}: no root')
    for node_id, node in nodes.items():
        if not node['leaf']:
            for c in (2 * node_id, 2 * node_id + 1):
                if c not in nodes:
                    raise FormatError(f'{where}: internal node {node_id} lacks child {c}')
    # pre-order: each left subtree is printed before the right sibling
    pos = {k: i for i, k in enumerate(order)}
    for node_id in nodes:
        if node_id != 1 and node_id % 2 == 1 and pos[node_id] < pos[node_id - 1]:
            raise FormatError(f'{where}: node {node_id} printed before its left sibling')
    return nodes


def compile_tree(nodes, band_index, where):
    """Nested tuples for fast walking: leaf = float; split = (left_test, right_test, left, right)."""
    def build(k):
        node = nodes[k]
        if node['leaf']:
            return node['yval']
        out = []
        for c in (2 * k, 2 * k + 1):
            band, op, t = nodes[c]['cond']
            if band not in band_index:
                raise FormatError(f'{where}: node {c} names band {band!r}, not one of the rows\' bands')
            out.append((band_index[band], OPS[op], t))
        return (out[0], out[1], build(2 * k), build(2 * k + 1))
    return build(1)


def predict(tree, row, where):
    node = tree
    while not isinstance(node, float):
        (jl, fl, tl), (jr, fr, tr), left, right = node
        gl = fl(row[jl], tl)
        gr = fr(row[jr], tr)
        if gl == gr:
            raise FormatError(f'{where}: a row satisfies {"both" if gl else "neither"} child conditions: {row}')
        node = left if gl else right
    return node


def numbered(names, prefix):
    pat = re.compile(r'^' + re.escape(prefix) + r'(\d+)(\.txt)?$')
    found = sorted((int(m.group(1)), n) for n in names for m in [pat.match(n)] if m)
    if [k for k, _ in found] != list(range(len(found))):
        raise FormatError(f'{prefix}<k> numbering has gaps: {[n for _, n in found]}')
    return [n for _, n in found]


def f32(v):
    return struct.unpack('<f', struct.pack('<f', v))[0]


def main(export_dir, rows_json, out_bin):
    with open(rows_json, encoding='utf-8') as f:
        spec = json.load(f)
    bands = spec['bands']
    n_rows = spec['nRows']
    band_index = {b: j for j, b in enumerate(bands)}
    data = array('d')
    with open(os.path.join(os.path.dirname(rows_json), spec['file']), 'rb') as f:
        data.frombytes(f.read())
    if sys.byteorder != 'little':
        data.byteswap()
    p = len(bands)
    if len(data) != n_rows * p:
        raise FormatError(f'{rows_json}: {len(data)} values, expected {n_rows} x {p}')
    rows = [data[i * p:(i + 1) * p] for i in range(n_rows)]
    masked = [any(math.isnan(v) for v in r) for r in rows]

    members = numbered(os.listdir(export_dir), 'member-')
    summary = dict(members=len(members), trees=[], nodes=[], maskedRows=sum(masked))
    member_preds = []
    for name in members:
        folder = os.path.join(export_dir, name)
        trees = []
        nodes = 0
        for part in numbered(os.listdir(folder), 'trees-'):
            with open(os.path.join(folder, part), encoding='ascii') as f:
                lines = f.read().split('\n')
            if lines[-1] != '':
                raise FormatError(f'{name}/{part}: the last tree line does not end in a newline')
            for i, line in enumerate(lines[:-1], start=1):
                where = f'{name}/{part} tree line {i}'
                parsed = parse_tree(line.replace('#', '\n'), where)
                nodes += len(parsed)
                trees.append((compile_tree(parsed, band_index, where), where))
        if not trees:
            raise FormatError(f'{name}: no trees')
        summary['trees'].append(len(trees))
        summary['nodes'].append(nodes)
        out = array('d', [math.nan]) * n_rows
        for i, row in enumerate(rows):
            if masked[i]:
                continue
            s = 0.0
            for tree, where in trees:
                s += predict(tree, row, where)
            out[i] = s / len(trees)
        member_preds.append(out)

    k = len(member_preds)
    ensemble = array('d', [math.nan]) * n_rows
    mapped = array('d', [math.nan]) * n_rows
    for i in range(n_rows):
        if masked[i]:
            continue
        s = 0.0
        s32 = 0.0
        for m in member_preds:
            s += m[i]
            s32 += f32(m[i])
        ensemble[i] = s / k
        mapped[i] = f32(s32 / k)
    with open(out_bin, 'wb') as f:
        for a in member_preds + [ensemble, mapped]:
            if sys.byteorder != 'little':
                a = array('d', a)
                a.byteswap()
            f.write(a.tobytes())
    print(json.dumps(summary))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    try:
        main(*sys.argv[1:])
    except FormatError as e:
        print(f'ee_rpart_oracle: {e}', file=sys.stderr)
        sys.exit(1)

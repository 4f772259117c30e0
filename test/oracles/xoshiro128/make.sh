#!/usr/bin/env bash
# Regenerate fixtures.json from the C reference (needs gcc). Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
gcc -O2 -std=c99 -o "$tmp/ref" "$here/reference.c"
"$tmp/ref" > "$here/fixtures.json"
rm -rf "$tmp"
echo "wrote $here/fixtures.json"

#!/usr/bin/env bash
# Regenerate the XGBoost/TreeSHAP fixtures. Needs Debian python3-xgboost (1.7) and a built kit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
/usr/bin/python3 "$here/make-data.py"
node "$here/make-engine-model.js"
/usr/bin/python3 "$here/make-fixtures.py" 2>&1 | grep -v "WARNING" || true

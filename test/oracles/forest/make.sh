#!/bin/sh
# Regenerate the random-forest oracle fixtures (needs `npm run setup -- --oracles`).
set -e
cd "$(dirname "$0")"
/usr/bin/python3 make-data.py
Rscript make.R
/usr/bin/python3 make-sklearn.py

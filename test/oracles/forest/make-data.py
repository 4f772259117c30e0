#!/usr/bin/python3
"""Step 1 of the random-forest oracle: three seeded regression datasets with fixed 5-fold ids.
  friedman1: Friedman #1 (5 informative of 10 uniform features), n = 600
  planted:   y depends on features 0, 1, 2 only (of 12; 3 is a noisy copy of nothing), n = 800
  steps:     integer-valued and tied features, step + linear signal, n = 500
Writes data.json."""
import json, pathlib
import numpy as np
here = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20240117)
sets = {}
n, p = 600, 10
X = rng.uniform(size=(n, p))
y = 10 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3] + 5 * X[:, 4] + rng.normal(0, 1, n)
sets["friedman1"] = (X, y)
n, p = 800, 12
X = rng.normal(size=(n, p))
y = 3 * X[:, 0] + 2 * np.abs(X[:, 1]) + 1.5 * (X[:, 2] > 0) + rng.normal(0, 0.5, n)
sets["planted"] = (X, y)
n, p = 500, 6
X = np.column_stack([rng.integers(0, 5, n), rng.integers(0, 20, n), np.round(rng.uniform(size=n), 1),
                     rng.uniform(size=n), rng.integers(0, 2, n), rng.normal(size=n)]).astype(float)
y = 4 * (X[:, 0] >= 2) + 0.3 * X[:, 1] + 2 * X[:, 2] + rng.normal(0, 0.5, n)
sets["steps"] = (X, y)
out = {}
for name, (X, y) in sets.items():
    folds = rng.permutation(len(y)) % 5
    out[name] = {"n": int(X.shape[0]), "p": int(X.shape[1]), "x": X.ravel().tolist(), "y": y.tolist(), "folds": folds.tolist()}
json.dump(out, open(here / "data.json", "w"))
print("wrote data.json")

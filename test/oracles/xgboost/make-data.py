#!/usr/bin/python3
"""Step 1: a small regression dataset with missing values (NaN) and a feature with many exact −1
values (which ml-xgboost would wrongly treat as missing). Seeded. Writes data.json."""
import json, pathlib
import numpy as np
here = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20240117)
n, p = 150, 5
X = rng.uniform(0, 1, size=(n, p))
X[:, 2] = rng.choice([-1.0, 0.0, 1.0, 2.0], size=n)          # exact -1 is a real value
X[:, 4] = np.round(X[:, 4] * 10) / 10                            # ties
y = np.sin(3 * X[:, 0]) + 0.5 * X[:, 1] + 0.8 * (X[:, 2] == -1) + 0.3 * X[:, 4] + rng.normal(0, 0.1, n)
for j, share in ((0, 0.15), (3, 0.10)):
    X[rng.uniform(size=n) < share, j] = np.nan
json.dump({"n": n, "p": p, "x": [None if np.isnan(v) else float(v) for v in X.ravel()], "y": y.tolist()},
          open(here / "data.json", "w"))
print("wrote data.json")

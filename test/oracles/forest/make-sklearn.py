#!/usr/bin/python3
"""Step 3 of the random-forest oracle: scikit-learn's RandomForestRegressor (Debian
python3-sklearn) on the same datasets and folds: max_features = mtry (per split), min_samples_leaf
= the leaf size, bootstrap with max_samples = 0.632 (sklearn has no sampling without
replacement), 300 trees, 5 seeds averaged. Writes sklearn.json."""
import json, pathlib
import numpy as np
import sklearn
from sklearn.ensemble import RandomForestRegressor
here = pathlib.Path(__file__).resolve().parent
d = json.load(open(here / "data.json"))
settings = {"friedman1": (3, 3), "planted": (4, 5), "steps": (2, 2)}
def r2(o, p): return 1 - np.sum((p - o) ** 2) / np.sum((o - o.mean()) ** 2)
out = {"sklearn": sklearn.__version__, "trees": 300, "seeds": [1, 2, 3, 4, 5]}
for name, s in d.items():
    X = np.array(s["x"]).reshape(s["n"], s["p"]); y = np.array(s["y"]); folds = np.array(s["folds"])
    mtry, leaf = settings[name]
    means, pooled = [], []
    for seed in out["seeds"]:
        hold = np.zeros_like(y); fr2 = []
        for f in range(5):
            tr = folds != f
            m = RandomForestRegressor(n_estimators=300, max_features=mtry, min_samples_leaf=leaf, max_samples=0.632,
                                      random_state=seed, n_jobs=1).fit(X[tr], y[tr])
            p = m.predict(X[~tr]); hold[~tr] = p; fr2.append(r2(y[~tr], p))
        means.append(np.mean(fr2)); pooled.append(r2(y, hold))
    m = RandomForestRegressor(n_estimators=300, max_features=mtry, min_samples_leaf=leaf, max_samples=0.632,
                              random_state=1, n_jobs=1).fit(X, y)
    out[name] = {"mtry": mtry, "minSamplesLeaf": leaf, "meanFoldR2": float(np.mean(means)), "pooledR2": float(np.mean(pooled)),
                 "seedSdMeanFoldR2": float(np.std(means, ddof=1)), "impurity": m.feature_importances_.tolist()}
json.dump(out, open(here / "sklearn.json", "w"), indent=2)
print("wrote sklearn.json")

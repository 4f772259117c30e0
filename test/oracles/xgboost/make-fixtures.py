#!/usr/bin/python3
"""Step 3 (Debian python3-xgboost 1.7): train xgboost on data.json with NaN as missing
(tree_method exact, the kit's parameters) and save model-py.json; compute margins,
pred_contribs and pred_interactions for it and for engine-model.bin (ml-xgboost's model
loaded by xgboost 1.7). Writes fixtures.json."""
import json, pathlib
import numpy as np
import xgboost as xgb
here = pathlib.Path(__file__).resolve().parent
d = json.load(open(here / "data.json"))
X = np.array([np.nan if v is None else v for v in d["x"]], dtype=np.float32).reshape(d["n"], d["p"])
y = np.array(d["y"])
params = {"objective": "reg:squarederror", "eta": 0.1, "max_depth": 4, "min_child_weight": 1, "lambda": 1,
          "base_score": 0.5, "tree_method": "exact", "subsample": 1, "seed": 0}
dm = xgb.DMatrix(X, label=y, missing=np.nan)
b = xgb.train(params, dm, num_boost_round=20)
b.save_model(str(here / "model-py.json"))
k = 20  # interaction rows (p+1)^2 each
out = {"source": f"test/oracles/xgboost/make-fixtures.py, xgboost {xgb.__version__}",
       "params": params, "nrounds": 20,
       "margin": b.predict(dm, output_margin=True).astype(float).tolist(),
       "contribs": b.predict(dm, pred_contribs=True).astype(float).ravel().tolist(),
       "interactionRows": k,
       "interactions": b.predict(xgb.DMatrix(X[:k], missing=np.nan), pred_interactions=True).astype(float).ravel().tolist()}
e = json.load(open(here / "engine-rows.json"))
eb = xgb.Booster(model_file=str(here / "engine-model.bin"))
edm = xgb.DMatrix(np.array(e["rows"], dtype=np.float32))
out["engine"] = {"margin": eb.predict(edm, output_margin=True).astype(float).tolist(),
                 "contribs": eb.predict(edm, pred_contribs=True).astype(float).ravel().tolist()}
json.dump(out, open(here / "fixtures.json", "w"))
print("wrote fixtures.json and model-py.json")

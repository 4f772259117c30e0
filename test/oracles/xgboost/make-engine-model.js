// Step 2: train the raw ml-xgboost engine on the NaN-free, (−1)-free rows of data.json and save
// its legacy binary model (engine-model.bin) and those rows (engine-rows.json), for xgboost 1.7
// to load in step 3. Run after `npm run build`.
"use strict";
const fs = require("fs");
const path = require("path");
const kit = require("permafrost-kit");
(async () => {
  const d = JSON.parse(fs.readFileSync(path.join(__dirname, "data.json"), "utf8"));
  const rows = [], ys = [];
  for (let i = 0; i < d.n; i++) {
    const r = d.x.slice(i * d.p, (i + 1) * d.p);
    if (r.some((v) => v === null || v === -1)) continue;
    rows.push(r); ys.push(d.y[i]);
  }
  const Engine = await kit.loadEngine();
  const m = new Engine({ objective: "reg:linear", eta: 0.1, max_depth: 4, subsample: 1, min_child_weight: 1, base_score: 0.5, silent: 1, iterations: 20 });
  m.train(rows, ys);
  const bytes = Buffer.from(Int8Array.from(m.toJSON().model).buffer);
  const enginePredictions = m.predict(rows);
  m.free();
  fs.writeFileSync(path.join(__dirname, "engine-model.bin"), bytes);
  fs.writeFileSync(path.join(__dirname, "engine-rows.json"), JSON.stringify({ rows, y: ys, enginePredictions }));
  console.log(`wrote engine-model.bin (${bytes.length} bytes) and engine-rows.json (${rows.length} rows)`);
})();

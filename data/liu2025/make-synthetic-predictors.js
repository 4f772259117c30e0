// Regenerates data/liu2025/synthetic-predictors.csv (SYNTHETIC) from the helper package.
// Usage (after npm run build): node data/liu2025/make-synthetic-predictors.js
"use strict";
const fs = require("fs");
const path = require("path");
const kit = require("permafrost-kit");
const file = path.join(__dirname, "synthetic-predictors.csv");
fs.writeFileSync(file, kit.syntheticPredictorsCsv(kit.loadTable1(), kit.DEFAULT_SEED));
console.log(`wrote ${path.relative(process.cwd(), file)} (SYNTHETIC, seed ${kit.DEFAULT_SEED})`);

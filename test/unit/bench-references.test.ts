/**
 * `npm run bench` names exactly what a reference is missing (issue 17, goal 5): each R package and
 * Python module is checked on its own and reported with its Debian package, and a missing Rscript is
 * reported once, before the R packages that then cannot be checked.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { missingRequirements, pythonModule, rPackage, skippedLine } from "../bench/references";

describe("bench references", () => {
  it("lists each missing piece with its Debian package and the install command", () => {
    const missing = missingRequirements([pythonModule("no_such_module_pk", "python3-no-such"), pythonModule("json", "python3")]);
    assert.deepEqual(missing, ["Python module no_such_module_pk (Debian python3-no-such)"]);
    assert.equal(skippedLine("TreeSHAP (xgboost C++)", missing), "TreeSHAP (xgboost C++): skipped — missing Python module no_such_module_pk (Debian python3-no-such); install with: npm run setup -- --oracles (environment/apt-oracles.txt)");
  });

  it("reports a missing Rscript once, then the R packages it could not check", () => {
    const saved = process.env["PATH"];
    process.env["PATH"] = "/nonexistent-pk-bench";
    try {
      assert.deepEqual(missingRequirements([rPackage("ranger", "r-cran-ranger"), rPackage("jsonlite", "r-cran-jsonlite")]), [
        "Rscript (Debian r-base-core)", "R package ranger (Debian r-cran-ranger)", "R package jsonlite (Debian r-cran-jsonlite)",
      ]);
    } finally {
      process.env["PATH"] = saved;
    }
  });
});

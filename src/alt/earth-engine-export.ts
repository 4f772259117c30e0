/**
 * Paper 1's trained ALT ensemble (§2.4.1: the mean of the top-K forests) written for Google Earth
 * Engine (issue 20, part 3): every member's trees as rpart text (../ml/export/rpart-text.ts), split
 * into parts under Earth Engine's request size limit (../ml/export/ee-parts.ts), a manifest, and
 * two scripts that apply the ensemble to the annual predictor images and export the maps
 * (../ml/export/ee-scripts.ts). The layout under `<dir>/ee/`:
 *
 *     manifest.json              members, tree counts, parts (bytes, SHA-256), band mapping, limits
 *     member-<k>/trees-<p>.txt   member k's trees, one per line, '#' for newlines (geemap's trees_to_csv)
 *     apply_ensemble.js          Code Editor script (trees from table assets)
 *     apply_ensemble.py          Python script: `upload` the parts as table assets, `export` the maps
 *
 * The folder is written whole beside the old one and then swapped in, so a reader never sees a
 * mix of two exports; a folder `ee/` that this function did not write is never replaced.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { ArgumentError, DataError } from "../core/errors";
import { checkInteger, checkOptions, isList } from "../core/checks";
import { Forest } from "../ml/forest/forest";
import { modelFromJSON } from "../ml/model-json";
import { ForestEnsemble } from "../ml/forest/ensemble";
import { forestToRpartText, resolveBandNames, EE_BAND_NAME_PATTERN } from "../ml/export/rpart-text";
import { EE_DEFAULT_PART_BYTES, EE_REQUEST_PAYLOAD_LIMIT_BYTES, encodeTreeLine, planTreeParts } from "../ml/export/ee-parts";
import { earthEngineScript, type EarthEngineScriptSpec } from "../ml/export/ee-scripts";
import { type AltInputsManifest } from "./manifest";
import { projectRoot } from "../project/paths";

/**
 * Format tag of `ee/manifest.json`.
 *
 * @example
 * EE_EXPORT_FORMAT; // 'permafrost-kit/ee-export@1'
 */
export const EE_EXPORT_FORMAT = "permafrost-kit/ee-export@1";

/** Settings of {@link exportEnsembleToEarthEngine}. */
export interface EarthEngineExportOptions {
  /** The run folder: the export is written to `<dir>/ee/` (created; an earlier export there is replaced). */
  dir: string;
  /** Predictor name → Earth Engine band name (default: every predictor's own name); names must match `EE_BAND_NAME_PATTERN`. */
  bands?: Readonly<Record<string, string>>;
  /** The inputs manifest the ensemble was trained from: says which predictors are annual and which static (for the scripts' image stack), and the default years. Every predictor of the forests must be one of its predictors. */
  manifest?: AltInputsManifest;
  /** Years the scripts map (default: the manifest's, else 2003–2020, paper 1 §2.2). */
  years?: readonly number[];
  /** Largest part file, bytes (1,024 … 10,485,760; default 4,194,304 — see `planTreeParts`). */
  maxPartBytes?: number;
  /** Name of the output band (default "alt"). */
  outputBand?: string;
}

/** One part file as written. */
export interface EarthEngineExportPart {
  /** Path relative to `<dir>/ee/`: `member-<k>/trees-<p>.txt`. */
  file: string;
  /** The table asset it becomes (last path element): `member-<k>-trees-<p>`. */
  asset: string;
  /** First tree of the member in this part. */
  from: number;
  /** One past its last tree. */
  to: number;
  /** Trees in the part. */
  trees: number;
  /** File size, bytes. */
  bytes: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
}

/** One member forest as written. */
export interface EarthEngineExportMember {
  /** `member-<k>`. */
  name: string;
  /** Trees. */
  nTrees: number;
  /** Nodes of the kit's trees (the text may have fewer: "NA versus the rest" splits are written as their left subtree). */
  nNodes: number;
  /** Deepest written node (root = 0): node ids reach 2^(depth+1) − 1. */
  maxDepth: number;
  /** Its parts. */
  parts: EarthEngineExportPart[];
}

/** The content of `ee/manifest.json`, also what {@link exportEnsembleToEarthEngine} returns (with the paths). */
export interface EarthEngineExportManifest {
  /** {@link EE_EXPORT_FORMAT}. */
  format: typeof EE_EXPORT_FORMAT;
  /** The kit and version that wrote it. */
  generator: string;
  /** How a split is written and why it routes as the kit does. */
  routing: string;
  /** The output band of the scripts' maps. */
  outputBand: string;
  /** Years the scripts map. */
  years: number[];
  /** The predictors in the forests' column order. */
  bands: { predictor: string; band: string; kind: "annual" | "static" }[];
  /** The size limits used. */
  limits: { requestPayloadBytes: number; maxPartBytes: number };
  /** Bytes of all part files. */
  totalBytes: number;
  /** Estimated request size when every tree is sent inline (JSON string of every tree + 64 KiB for the rest of the request). */
  inlineRequestBytes: number;
  /** Whether that estimate is within the request limit (then `TREES_FROM = 'files'` works in apply_ensemble.py). */
  inlineFits: boolean;
  /** The members, in ensemble order. */
  members: EarthEngineExportMember[];
  /** The scripts, relative to `<dir>/ee/`. */
  scripts: string[];
}

/** What {@link exportEnsembleToEarthEngine} returns: the manifest and where things are. */
export interface EarthEngineExport extends EarthEngineExportManifest {
  /** Absolute path of `<dir>/ee/`. */
  dir: string;
  /** Absolute path of its manifest.json. */
  manifestFile: string;
}

/** Room left in the inline request estimate for everything but the tree strings, bytes. */
const INLINE_OVERHEAD_BYTES = 65_536;

/**
 * The kit's name and version, for the files' header.
 *
 * @returns e.g. "permafrost-kit 0.1.0"
 */
function generatorName(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { name?: string; version?: string };
    return `${pkg.name ?? "permafrost-kit"} ${pkg.version ?? ""}`.trim();
  } catch {
    return "permafrost-kit";
  }
}

/**
 * Check the members: forests (or one ForestEnsemble) on the same predictors.
 *
 * @param fn - public function, for messages
 * @param members - the argument
 * @returns the member forests
 * @throws ArgumentError for no members, a member that is not a Forest, or members on different predictors
 */
function memberForests(fn: string, members: readonly Forest[] | ForestEnsemble): readonly Forest[] {
  if (members instanceof ForestEnsemble) return members.members;
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "at least one fitted Forest (or a ForestEnsemble)" }, "no members");
  members.forEach((m, k) => {
    if (!(m instanceof Forest)) throw new ArgumentError({ fn, arg: "members", at: k, value: m, expected: "a fitted Forest" }, "not a Forest");
  });
  const names = members[0]!.featureNames;
  members.forEach((m, k) => {
    if (!(m.nCols === names.length && m.featureNames.every((n, j) => n === names[j]))) {
      throw new ArgumentError({ fn, arg: "members", at: k, value: m.featureNames.join(", "), expected: `the predictors of member 0 (${names.join(", ")})` }, "members were trained on different predictors");
    }
  });
  return members;
}

/**
 * Write a trained ensemble for Google Earth Engine under `<dir>/ee/` (layout in the module notes):
 * each member's trees as rpart text in parts of at most `maxPartBytes`, `manifest.json`, and
 * `apply_ensemble.js` / `apply_ensemble.py`, which build one regression
 * `decisionTreeEnsemble` per member, classify each year's predictor stack, average the members
 * as the kit's maps do and export one map per year. The scripts are untested against the live
 * service (no network here); the tree text is tested against an independent parser.
 *
 * @param members - the member forests in ensemble order (or a ForestEnsemble), all on the same predictors
 * @param options - output folder, band mapping, manifest, years, part size, output band
 * @returns the manifest written, with the folder's path
 * @throws ArgumentError for no members or members on different predictors, unknown or bad options (a band name Earth Engine cannot use, two predictors on one band, a predictor the manifest does not name, a part size out of range, bad years), a tree larger than `maxPartBytes`, or an `ee/` folder there that an earlier export did not write
 * @throws EngineError ("filesystem") when a file cannot be written
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * const members = [trainForest(x, y, { ntrees: 3, seed: 1 }), trainForest(x, y, { ntrees: 5, seed: 2 })];
 * const out = exportEnsembleToEarthEngine(members, { dir: "run", years: [2003, 2004] });
 * out.members.map((m) => m.nTrees); // [3, 5]
 * out.members[1].parts[0].file; // 'member-1/trees-0.txt'
 * fs.readdirSync("run/ee").sort(); // ['apply_ensemble.js', 'apply_ensemble.py', 'manifest.json', 'member-0', 'member-1']
 * exportEnsembleToEarthEngine(members, { dir: "run", bands: { x0: "x 0" } }); // throws ArgumentError
 */
export function exportEnsembleToEarthEngine(members: readonly Forest[] | ForestEnsemble, options: EarthEngineExportOptions): EarthEngineExport {
  const fn = "exportEnsembleToEarthEngine";
  const forests = memberForests(fn, members);
  if (options === null || typeof options !== "object") throw new ArgumentError({ fn, arg: "options", value: options, expected: "an options object with at least dir" }, "no options");
  checkOptions(fn, "options", options, ["dir", "bands", "manifest", "years", "maxPartBytes", "outputBand"]);
  if (typeof options.dir !== "string" || options.dir === "") throw new ArgumentError({ fn, arg: "options.dir", value: options.dir, expected: "a folder path" }, "no output folder");
  const maxPartBytes = checkInteger(fn, "options.maxPartBytes", options.maxPartBytes ?? EE_DEFAULT_PART_BYTES, { min: 1024, max: EE_REQUEST_PAYLOAD_LIMIT_BYTES });
  const outputBand = options.outputBand ?? "alt";
  if (typeof outputBand !== "string" || !EE_BAND_NAME_PATTERN.test(outputBand)) throw new ArgumentError({ fn, arg: "options.outputBand", value: outputBand, expected: "a band name of ASCII letters, digits and underscores, not starting with a digit" }, "bad band name");
  const featureNames = forests[0]!.featureNames;
  const bandNames = resolveBandNames(fn, "options.bands", featureNames, options.bands);
  const manifest = options.manifest;
  const kinds = featureNames.map((name) => {
    if (manifest === undefined) return "annual" as const;
    const spec = isList(manifest.predictors) ? manifest.predictors.find((p) => p.name === name) : undefined;
    if (spec === undefined) throw new ArgumentError({ fn, arg: "options.manifest", value: name, expected: `a predictor of the manifest ${manifest.file ?? ""}`.trim() }, "the forests use a predictor the manifest does not name");
    return spec.kind;
  });
  if (options.years !== undefined && !isList(options.years)) throw new ArgumentError({ fn, arg: "options.years", value: options.years, expected: "a non-empty list of 4-digit years" }, "bad years");
  const years = [...(options.years ?? manifest?.years ?? Array.from({ length: 18 }, (_, i) => 2003 + i))];
  if (years.length === 0 || !years.every((y) => Number.isInteger(y) && y >= 1000 && y <= 9999)) {
    throw new ArgumentError({ fn, arg: "options.years", value: options.years, expected: "a non-empty list of 4-digit years" }, "bad years");
  }
  const bandMap = Object.fromEntries(featureNames.map((n, j) => [n, bandNames[j]!]));

  const root = path.resolve(options.dir);
  const target = path.join(root, "ee");
  if (fs.existsSync(target) && !isOurExport(target)) {
    throw new ArgumentError({ fn, arg: "options.dir", value: options.dir, expected: `a folder whose ee/ is absent or an earlier export (${target} has no manifest.json of format ${EE_EXPORT_FORMAT})` }, "refusing to replace a folder this function did not write");
  }
  const texts = forests.map((f) => forestToRpartText(f, bandMap));
  const plans = texts.map((t, k) => {
    try {
      return planTreeParts(t, maxPartBytes);
    } catch (e) {
      if (e instanceof ArgumentError && e.at !== undefined) throw new ArgumentError({ fn, arg: `members[${k}] tree`, at: e.at, value: e.value, ...(e.expected === undefined ? {} : { expected: e.expected }) }, "tree too large for one part");
      throw e;
    }
  });

  fs.mkdirSync(root, { recursive: true });
  const tmp = path.join(root, `.ee-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  fs.mkdirSync(tmp);
  try {
    const written: EarthEngineExportMember[] = forests.map((forest, k) => {
      const name = `member-${k}`;
      fs.mkdirSync(path.join(tmp, name));
      const parts = plans[k]!.map((p, i): EarthEngineExportPart => {
        const file = `${name}/trees-${i}.txt`;
        const body = texts[k]!.slice(p.from, p.to).map((t) => `${encodeTreeLine(t)}\n`).join("");
        const bytes = Buffer.from(body, "utf8");
        fs.writeFileSync(path.join(tmp, file), bytes);
        return { file, asset: `${name}-trees-${i}`, from: p.from, to: p.to, trees: p.to - p.from, bytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
      });
      const maxDepth = Math.max(...texts[k]!.map((t) => Math.max(...t.split("\n").map((l) => l.length - l.trimStart().length))));
      return { name, nTrees: forest.nTrees, nNodes: forest.nNodes, maxDepth, parts };
    });
    const totalBytes = written.reduce((a, m) => a + m.parts.reduce((b, p) => b + p.bytes, 0), 0);
    const inlineRequestBytes = texts.reduce((a, t) => a + Buffer.byteLength(JSON.stringify(t), "utf8"), 0) + INLINE_OVERHEAD_BYTES;
    const generator = generatorName();
    const bands = featureNames.map((predictor, j) => ({ predictor, band: bandNames[j]!, kind: kinds[j]! }));
    const spec: EarthEngineScriptSpec = { members: written.map((m) => ({ name: m.name, nTrees: m.nTrees, parts: m.parts.map((p) => p.file) })), bands, years, outputBand, generator };
    const scripts = ["apply_ensemble.js", "apply_ensemble.py"];
    fs.writeFileSync(path.join(tmp, scripts[0]!), earthEngineScript(spec, "javascript"));
    fs.writeFileSync(path.join(tmp, scripts[1]!), earthEngineScript(spec, "python"));
    const out: EarthEngineExportManifest = {
      format: EE_EXPORT_FORMAT,
      generator,
      routing: "node 2n (left) holds 'band <= t', node 2n+1 (right) 'band > t', t = the largest double below the kit's threshold, so 'value <= t' is exactly the kit's 'value < threshold' (double precision); numbers are shortest round-trip decimals",
      outputBand,
      years,
      bands,
      limits: { requestPayloadBytes: EE_REQUEST_PAYLOAD_LIMIT_BYTES, maxPartBytes },
      totalBytes,
      inlineRequestBytes,
      inlineFits: inlineRequestBytes <= EE_REQUEST_PAYLOAD_LIMIT_BYTES,
      members: written,
      scripts,
    };
    fs.writeFileSync(path.join(tmp, "manifest.json"), `${JSON.stringify(out, null, 2)}\n`);
    swapIn(tmp, target);
    return { ...out, dir: target, manifestFile: path.join(target, "manifest.json") };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Whether `dir` holds an earlier export (its manifest.json carries {@link EE_EXPORT_FORMAT}).
 *
 * @param dir - the `ee/` folder
 * @returns true when it may be replaced
 */
function isOurExport(dir: string): boolean {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as { format?: unknown };
    return m.format === EE_EXPORT_FORMAT;
  } catch {
    return false;
  }
}

/**
 * Put the finished folder `tmp` in place of `target` (the old one, if any, moved aside and removed).
 *
 * @param tmp - the finished folder
 * @param target - where it goes
 */
function swapIn(tmp: string, target: string): void {
  let old: string | null = null;
  if (fs.existsSync(target)) {
    old = `${tmp}.old`;
    fs.renameSync(target, old);
  }
  fs.renameSync(tmp, target);
  if (old !== null) fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Read the members a run saved, `<runDir>/ensemble/member-<k>.json` (k = 0, 1, … without gaps;
 * each a Forest's JSON, read with `modelFromJSON`), in member order.
 *
 * @param runDir - the run folder
 * @returns the member forests
 * @throws DataError naming the file for an unreadable or invalid member, a member that is not a forest, a gap in the numbering, or no member at all
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * fs.mkdirSync("run/ensemble", { recursive: true });
 * fs.writeFileSync("run/ensemble/member-0.json", JSON.stringify(trainForest(x, y, { ntrees: 2, seed: 1 })));
 * readSavedEnsembleMembers("run").length; // 1
 * readSavedEnsembleMembers("elsewhere"); // throws DataError
 */
export function readSavedEnsembleMembers(runDir: string): Forest[] {
  const dir = path.join(path.resolve(String(runDir)), "ensemble");
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new DataError({ file: dir, expected: "a folder of member-<k>.json files (the saved ensemble)" }, "cannot read the saved ensemble", { cause: e });
  }
  const ks = names.map((n) => /^member-(\d+)\.json$/.exec(n)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1])).sort((a, b) => a - b);
  if (ks.length === 0) throw new DataError({ file: dir, expected: "member-0.json, member-1.json, …" }, "no saved members");
  return ks.map((k, i) => {
    const file = path.join(dir, `member-${k}.json`);
    if (k !== i) throw new DataError({ file: path.join(dir, `member-${i}.json`), expected: `members numbered 0..${ks.length - 1} without gaps (found member-${k}.json)` }, "missing member");
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new DataError({ file, expected: "a forest's JSON" }, "unreadable member", { cause: e });
    }
    const model = modelFromJSON(json, file);
    if (!(model instanceof Forest)) throw new DataError({ file, column: "format", value: (json as { format?: unknown }).format, expected: "\"permafrost-kit/forest@1\" (one member forest per file)" }, "not a forest");
    return model;
  });
}

/**
 * {@link exportEnsembleToEarthEngine} for a saved run: reads `<runDir>/ensemble/member-<k>.json`
 * ({@link readSavedEnsembleMembers}) and writes `<runDir>/ee/`. This is what a command line
 * `alt export-ee --run DIR` calls.
 *
 * @param runDir - the run folder
 * @param options - as {@link exportEnsembleToEarthEngine}, without `dir`
 * @returns the export
 * @throws DataError for a missing or invalid saved member (file named); ArgumentError as {@link exportEnsembleToEarthEngine}
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * fs.mkdirSync("run/ensemble", { recursive: true });
 * fs.writeFileSync("run/ensemble/member-0.json", JSON.stringify(trainForest(x, y, { ntrees: 2, seed: 1 })));
 * exportRunToEarthEngine("run", { years: [2003] }).members[0].nTrees; // 2
 */
export function exportRunToEarthEngine(runDir: string, options: Omit<EarthEngineExportOptions, "dir"> = {}): EarthEngineExport {
  if (options !== null && typeof options === "object" && "dir" in options) throw new ArgumentError({ fn: "exportRunToEarthEngine", arg: "options.dir", value: (options as { dir: unknown }).dir, expected: "no dir (the export goes to <runDir>/ee/)" }, "unknown option");
  return exportEnsembleToEarthEngine(readSavedEnsembleMembers(runDir), { ...options, dir: runDir });
}

/**
 * The two short Earth Engine scripts that come with an exported ensemble (issue 20, part 3):
 * `apply_ensemble.js` for the Code Editor and `apply_ensemble.py` for the Python client. Both build
 * one `ee.Classifier.decisionTreeEnsemble(...).setOutputMode('REGRESSION')` per member forest,
 * classify the stacked predictor image of every year, average the members and export one map per
 * year (`Export.image.toAsset` or `toDrive`); the Python one also uploads the tree files as table
 * assets (one feature per tree, property `tree` with `#` for newlines and `index` for the order:
 * geemap's `export_trees_to_fc` / `fc_to_classifier`, gee-community/geemap, geemap/ml.py) or
 * passes them inline (geemap's `strings_to_classifier`).
 *
 * Why one classifier per member, not one over all trees: paper 1 §2.4.1 averages the members'
 * predictions, each member being the mean of its own trees. One ensemble over all trees weights
 * every tree alike, which is a different number as soon as the members have different tree counts.
 *
 * The arithmetic follows the kit's maps (`altMemberMaps`, `elementwiseMean`): each member's map is
 * rounded to float32, the members are summed in member order in double precision, divided by
 * their count and rounded to float32.
 *
 * NOT TESTED AGAINST THE LIVE SERVICE: this machine has no network. The scripts are written from
 * the Earth Engine API reference and geemap's working code; what the kit tests is the tree text
 * (an independent parser of the format reproduces the kit's predictions). The generated files
 * say so at the top.
 */
import { ArgumentError } from "../../core/errors";
import { checkOneOf, isList } from "../../core/checks";
import { EE_BAND_NAME_PATTERN } from "./rpart-text";

/** One member forest as the scripts see it. */
export interface EarthEngineScriptMember {
  /** Its name, also its folder: `member-<k>`. */
  name: string;
  /** Number of trees. */
  nTrees: number;
  /** Its parts: the file names relative to the export folder (`member-0/trees-0.txt`) — each part also names its table asset (`member-0-trees-0`). */
  parts: string[];
}

/** What the scripts are generated from. */
export interface EarthEngineScriptSpec {
  /** The member forests, in ensemble order. */
  members: EarthEngineScriptMember[];
  /** The predictors in the forests' column order: kit name, Earth Engine band, and whether the band is read from the annual or the static image. */
  bands: { predictor: string; band: string; kind: "annual" | "static" }[];
  /** The years to map. */
  years: number[];
  /** Name of the output band (e.g. "alt"). */
  outputBand: string;
  /** Who wrote the export, for the header line. */
  generator: string;
}

/**
 * The languages {@link earthEngineScript} writes.
 *
 * @example
 * EE_SCRIPT_LANGUAGES; // ['javascript', 'python']
 */
export const EE_SCRIPT_LANGUAGES = ["javascript", "python"] as const;

/**
 * The table asset name of a part file: `member-0/trees-0.txt` → `member-0-trees-0`.
 *
 * @param part - part file, relative to the export folder
 * @returns the asset's last path element
 */
function assetNameOf(part: string): string {
  return part.replace(/\.txt$/, "").replace(/\//g, "-");
}

/**
 * Check a script spec once.
 *
 * @param fn - the public function, for messages
 * @param spec - the spec
 * @throws ArgumentError naming the first bad field
 */
function checkSpec(fn: string, spec: EarthEngineScriptSpec): void {
  if (spec === null || typeof spec !== "object") throw new ArgumentError({ fn, arg: "spec", value: spec, expected: "an EarthEngineScriptSpec" }, "not a spec");
  if (!isList(spec.members) || spec.members.length === 0) throw new ArgumentError({ fn, arg: "spec.members", value: spec.members, expected: "at least one member" }, "no members");
  spec.members.forEach((m, k) => {
    if (!(typeof m?.name === "string" && /^[A-Za-z0-9_-]+$/.test(m.name))) throw new ArgumentError({ fn, arg: "spec.members", at: k, value: m?.name, expected: "a name of letters, digits, - and _" }, "bad member name");
    if (!(Number.isInteger(m.nTrees) && m.nTrees >= 1)) throw new ArgumentError({ fn, arg: `spec.members[${k}].nTrees`, value: m.nTrees, expected: "an integer ≥ 1" }, "bad tree count");
    if (!isList(m.parts) || m.parts.length === 0) throw new ArgumentError({ fn, arg: `spec.members[${k}].parts`, value: m.parts, expected: "at least one part file" }, "no parts");
    m.parts.forEach((p, i) => {
      if (!(typeof p === "string" && /^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\.txt$/.test(p))) throw new ArgumentError({ fn, arg: `spec.members[${k}].parts`, at: i, value: p, expected: "'<member>/<part>.txt'" }, "bad part file");
    });
  });
  if (!isList(spec.bands) || spec.bands.length === 0) throw new ArgumentError({ fn, arg: "spec.bands", value: spec.bands, expected: "one entry per predictor" }, "no bands");
  spec.bands.forEach((b, j) => {
    if (!(typeof b?.band === "string" && EE_BAND_NAME_PATTERN.test(b.band))) throw new ArgumentError({ fn, arg: "spec.bands", at: j, value: b?.band, expected: "a band name matching EE_BAND_NAME_PATTERN" }, "bad band");
    checkOneOf(fn, `spec.bands[${j}].kind`, b.kind, ["annual", "static"] as const);
  });
  if (!isList(spec.years) || spec.years.length === 0 || !spec.years.every((y) => Number.isInteger(y) && y >= 1000 && y <= 9999)) {
    throw new ArgumentError({ fn, arg: "spec.years", value: spec.years, expected: "a non-empty list of 4-digit years" }, "bad years");
  }
  if (!(typeof spec.outputBand === "string" && EE_BAND_NAME_PATTERN.test(spec.outputBand))) throw new ArgumentError({ fn, arg: "spec.outputBand", value: spec.outputBand, expected: "a band name matching EE_BAND_NAME_PATTERN" }, "bad output band");
  if (typeof spec.generator !== "string" || /[\n\r]/.test(spec.generator)) throw new ArgumentError({ fn, arg: "spec.generator", value: spec.generator, expected: "one line of text" }, "bad generator");
}

/**
 * The Earth Engine script that applies an exported ensemble, in JavaScript (Code Editor; trees
 * read from table assets) or Python (earthengine-api; trees uploaded from the part files or
 * passed inline). Parameters (asset paths, years, region, scale, export target) are at the top;
 * the file states that it is untested against the live service.
 *
 * @param spec - members, bands, years and output band
 * @param language - "javascript" or "python"
 * @returns the script text
 * @throws ArgumentError for a malformed spec (first bad field named) or language
 * @example
 * const spec = { members: [{ name: "member-0", nTrees: 2, parts: ["member-0/trees-0.txt"] }], bands: [{ predictor: "ati", band: "ati", kind: "annual" }], years: [2003], outputBand: "alt", generator: "permafrost-kit" };
 * earthEngineScript(spec, "javascript").includes("ee.Classifier.decisionTreeEnsemble(treeStrings(m)).setOutputMode('REGRESSION')"); // true
 * earthEngineScript(spec, "python").includes("def upload_trees("); // true
 * earthEngineScript(spec, "r"); // throws ArgumentError
 */
export function earthEngineScript(spec: EarthEngineScriptSpec, language: (typeof EE_SCRIPT_LANGUAGES)[number]): string {
  const fn = "earthEngineScript";
  checkOneOf(fn, "language", language, EE_SCRIPT_LANGUAGES);
  checkSpec(fn, spec);
  return language === "javascript" ? javascriptScript(spec) : pythonScript(spec);
}

/**
 * A list of strings as a JavaScript/Python literal (both read JSON string arrays).
 *
 * @param items - the strings
 * @returns `['a', 'b']`
 */
function listLiteral(items: readonly (string | number)[]): string {
  return `[${items.map((s) => (typeof s === "number" ? String(s) : `'${s}'`)).join(", ")}]`;
}

/**
 * The JavaScript (Code Editor) script.
 *
 * @param s - checked spec
 * @returns the script text
 */
function javascriptScript(s: EarthEngineScriptSpec): string {
  const annual = s.bands.filter((b) => b.kind === "annual").map((b) => b.band);
  const stat = s.bands.filter((b) => b.kind === "static").map((b) => b.band);
  const members = s.members.map((m) => `  {name: '${m.name}', trees: ${m.nTrees}, parts: ${listLiteral(m.parts.map(assetNameOf))}}`).join(",\n");
  return `// apply_ensemble.js — the ALT ensemble of paper 1 §2.4.1 in the Earth Engine Code Editor.
// Written by ${s.generator} (exportEnsembleToEarthEngine) with the tree files next to it.
//
// UNTESTED AGAINST THE LIVE EARTH ENGINE SERVICE. It follows the Earth Engine API reference and the
// geemap project's ml module. What the kit tests is the tree text: an independent parser of the
// rpart format reproduces the kit's forest predictions exactly. Check a few pixels against the
// kit's own maps before trusting a full export.
//
// Before running: upload the trees as table assets under TREE_ASSET_ROOT with
//   python apply_ensemble.py upload
// (the Code Editor cannot read local files), and make the predictor images below.

// ---- parameters ---------------------------------------------------------------------------
var TREE_ASSET_ROOT = 'projects/YOUR-PROJECT/assets/alt-ensemble';
// one image per year holding the annual bands ({year} is replaced), and one with the static bands
var ANNUAL_PREDICTORS = 'projects/YOUR-PROJECT/assets/alt-predictors/annual_{year}';
var STATIC_PREDICTORS = 'projects/YOUR-PROJECT/assets/alt-predictors/static';
var YEARS = ${listLiteral(s.years)};
var REGION = null;            // an ee.Geometry; null: the footprint of the year's predictor image
var SCALE = 1000;             // metres (paper 1: 1 km)
var CRS = 'EPSG:4326';
var EXPORT_TO = 'asset';      // 'asset' or 'drive'
var OUTPUT_ASSET_ROOT = 'projects/YOUR-PROJECT/assets/alt-maps';
var DRIVE_FOLDER = 'alt-maps';

// ---- the exported ensemble (generated; do not edit) ---------------------------------------
var OUTPUT_BAND = '${s.outputBand}';
var MEMBERS = [
${members}
];
var ANNUAL_BANDS = ${listLiteral(annual)};
var STATIC_BANDS = ${listLiteral(stat)};

// A member's trees, in order: its table assets, one feature per tree ('#' stands for a newline).
function treeStrings(member) {
  var lists = member.parts.map(function (part) {
    return ee.FeatureCollection(TREE_ASSET_ROOT + '/' + part).sort('index').aggregate_array('tree');
  });
  return lists.reduce(function (a, b) { return a.cat(b); })
    .map(function (t) { return ee.String(t).replace('#', '\\n', 'g'); });
}

// One classifier per member: a member is the mean of its own trees.
var CLASSIFIERS = MEMBERS.map(function (m) {
  return ee.Classifier.decisionTreeEnsemble(treeStrings(m)).setOutputMode('REGRESSION');
});

// The stacked predictors of one year, bands named as in the trees.
function predictors(year) {
  var img = ee.Image(ANNUAL_PREDICTORS.replace('{year}', String(year))).select(ANNUAL_BANDS);
  if (STATIC_BANDS.length > 0) img = img.addBands(ee.Image(STATIC_PREDICTORS).select(STATIC_BANDS));
  return img;
}

// The ensemble map of one year: members rounded to float32 (as the kit stores them), summed in
// member order in double precision, divided by their count, rounded to float32.
function ensembleMap(year) {
  var x = predictors(year);
  var sum = null;
  CLASSIFIERS.forEach(function (c) {
    var member = x.classify(c, OUTPUT_BAND).toFloat().toDouble();
    sum = sum === null ? member : sum.add(member);
  });
  return sum.divide(CLASSIFIERS.length).toFloat().rename(OUTPUT_BAND).set('year', year);
}

YEARS.forEach(function (year) {
  var name = OUTPUT_BAND + '_' + year;
  var region = REGION === null ? predictors(year).geometry() : REGION;
  var args = {image: ensembleMap(year), description: name, region: region, scale: SCALE, crs: CRS, maxPixels: 1e13};
  if (EXPORT_TO === 'asset') {
    args.assetId = OUTPUT_ASSET_ROOT + '/' + name;
    Export.image.toAsset(args);
  } else {
    args.folder = DRIVE_FOLDER;
    args.fileNamePrefix = name;
    Export.image.toDrive(args);
  }
});
`;
}

/**
 * The Python (earthengine-api) script.
 *
 * @param s - checked spec
 * @returns the script text
 */
function pythonScript(s: EarthEngineScriptSpec): string {
  const annual = s.bands.filter((b) => b.kind === "annual").map((b) => b.band);
  const stat = s.bands.filter((b) => b.kind === "static").map((b) => b.band);
  return `"""apply_ensemble.py — the ALT ensemble of paper 1 §2.4.1 with the Earth Engine Python client.

Written by ${s.generator} (exportEnsembleToEarthEngine) with the tree files and manifest.json
next to it.

UNTESTED AGAINST THE LIVE EARTH ENGINE SERVICE. It follows the Earth Engine API reference and the
geemap project's ml module. What the kit tests is the tree text: an independent parser of the
rpart format reproduces the kit's forest predictions exactly. Check a few pixels against the
kit's own maps before trusting a full export.

    python apply_ensemble.py upload   # the trees -> table assets under TREE_ASSET_ROOT (one task per part)
    python apply_ensemble.py export   # one map per year (Export.image.toAsset or toDrive)

Every part file is checked against the SHA-256 in manifest.json before it is used.
"""
import hashlib
import json
import os
import sys

import ee

# ---- parameters ------------------------------------------------------------------------------
PROJECT = 'YOUR-PROJECT'          # the Google Cloud project for ee.Initialize
TREE_ASSET_ROOT = 'projects/YOUR-PROJECT/assets/alt-ensemble'
TREES_FROM = 'assets'             # 'assets' (uploaded tables) or 'files' (inline strings; only when
                                  # manifest.json says inlineFits: the request must stay under the limit)
# one image per year holding the annual bands ({year} is replaced), and one with the static bands
ANNUAL_PREDICTORS = 'projects/YOUR-PROJECT/assets/alt-predictors/annual_{year}'
STATIC_PREDICTORS = 'projects/YOUR-PROJECT/assets/alt-predictors/static'
YEARS = ${listLiteral(s.years)}
REGION = None                     # an ee.Geometry; None: the footprint of the year's predictor image
SCALE = 1000                      # metres (paper 1: 1 km)
CRS = 'EPSG:4326'
EXPORT_TO = 'asset'               # 'asset' or 'drive'
OUTPUT_ASSET_ROOT = 'projects/YOUR-PROJECT/assets/alt-maps'
DRIVE_FOLDER = 'alt-maps'

# ---- the exported ensemble (generated; do not edit) -------------------------------------------
HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT_BAND = '${s.outputBand}'
ANNUAL_BANDS = ${listLiteral(annual)}
STATIC_BANDS = ${listLiteral(stat)}


def manifest():
    with open(os.path.join(HERE, 'manifest.json'), encoding='utf-8') as f:
        return json.load(f)


def part_lines(part):
    """The encoded tree lines of one part file ('#' for newlines), after checking its SHA-256."""
    path = os.path.join(HERE, part['file'])
    with open(path, 'rb') as f:
        data = f.read()
    if hashlib.sha256(data).hexdigest() != part['sha256']:
        sys.exit(f'{path}: SHA-256 differs from manifest.json; export the ensemble again')
    return data.decode('utf-8').splitlines()


def asset_of(part):
    return TREE_ASSET_ROOT + '/' + part['asset']


def upload_trees():
    """Every part as a table asset: one feature per tree, properties tree and index (geemap's export_trees_to_fc)."""
    point = ee.Geometry.Point([0, 0])
    for member in manifest()['members']:
        for part in member['parts']:
            lines = part_lines(part)
            features = [ee.Feature(point, {'tree': line, 'index': part['from'] + i}) for i, line in enumerate(lines)]
            task = ee.batch.Export.table.toAsset(collection=ee.FeatureCollection(features),
                                                 description=part['asset'], assetId=asset_of(part))
            task.start()
            print('started', part['asset'], len(lines), 'trees')


def tree_strings(member):
    """A member's trees, in order, as ee.Strings (inline) or from its table assets."""
    if TREES_FROM == 'files':
        if not manifest()['inlineFits']:
            sys.exit("the trees are too large to send inline; set TREES_FROM = 'assets' and run upload first")
        return [ee.String(line.replace('#', '\\n')) for part in member['parts'] for line in part_lines(part)]
    lists = [ee.FeatureCollection(asset_of(part)).sort('index').aggregate_array('tree') for part in member['parts']]
    out = lists[0]
    for more in lists[1:]:
        out = out.cat(more)
    return out.map(lambda t: ee.String(t).replace('#', '\\n', 'g'))


def classifiers():
    """One classifier per member: a member is the mean of its own trees."""
    return [ee.Classifier.decisionTreeEnsemble(tree_strings(m)).setOutputMode('REGRESSION')
            for m in manifest()['members']]


def predictors(year):
    """The stacked predictors of one year, bands named as in the trees."""
    img = ee.Image(ANNUAL_PREDICTORS.replace('{year}', str(year))).select(ANNUAL_BANDS)
    if STATIC_BANDS:
        img = img.addBands(ee.Image(STATIC_PREDICTORS).select(STATIC_BANDS))
    return img


def ensemble_map(year, members):
    """Members rounded to float32 (as the kit stores them), summed in member order in double
    precision, divided by their count, rounded to float32."""
    x = predictors(year)
    total = None
    for c in members:
        member = x.classify(c, OUTPUT_BAND).toFloat().toDouble()
        total = member if total is None else total.add(member)
    return total.divide(len(members)).toFloat().rename(OUTPUT_BAND).set('year', year)


def export_maps():
    members = classifiers()
    for year in YEARS:
        name = f'{OUTPUT_BAND}_{year}'
        region = predictors(year).geometry() if REGION is None else REGION
        args = dict(image=ensemble_map(year, members), description=name, region=region,
                    scale=SCALE, crs=CRS, maxPixels=1e13)
        if EXPORT_TO == 'asset':
            task = ee.batch.Export.image.toAsset(assetId=OUTPUT_ASSET_ROOT + '/' + name, **args)
        else:
            task = ee.batch.Export.image.toDrive(folder=DRIVE_FOLDER, fileNamePrefix=name, **args)
        task.start()
        print('started', name)


if __name__ == '__main__':
    command = sys.argv[1] if len(sys.argv) > 1 else ''
    if command not in ('upload', 'export'):
        sys.exit('usage: python apply_ensemble.py upload|export')
    ee.Initialize(project=PROJECT)
    upload_trees() if command == 'upload' else export_maps()
`;
}

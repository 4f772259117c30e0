import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { ArgumentError, closeRenderer, lonLatGrid, makeFigure, findChromium, projectRoot, rasterMap, showFigure, SYNTHETIC_LABEL, writeFigureSpec } from "permafrost-kit";

type Bundle = Record<string, unknown>;
// the function tslab's display API (and the kit's displayBundle) writes through; set it to play a kernel
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tslabJupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: ((c: { data: Bundle }, update: boolean) => void) | null };

/**
 * Run `body` as if in a tslab kernel cell, in the folder `cwd` with extra environment variables, and
 * collect the display bundles it sends.
 *
 * @param cwd - the working folder during the call (a kernel runs in its notebook's folder)
 * @param env - variables to set for the call (restored after)
 * @param body - the code to run
 * @returns the bundles displayed, in order, and the body's value
 */
async function inFakeKernel<T>(cwd: string, env: Record<string, string>, body: () => Promise<T>): Promise<{ bundles: Bundle[]; value: T }> {
  const bundles: Bundle[] = [];
  const before = process.cwd();
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  tslabJupyter.lastWriteDisplayData = (c) => bundles.push(c.data);
  process.chdir(cwd);
  Object.assign(process.env, env);
  try {
    return { bundles, value: await body() };
  } finally {
    tslabJupyter.lastWriteDisplayData = null;
    process.chdir(before);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-fig-"));
process.env["PERMAFROST_BUILD_DIR"] = tmp;
after(async () => {
  await closeRenderer();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("figure", () => {
  it("labels synthetic figures in the title and with a watermark", () => {
    const f = makeFigure("demo", [{ type: "scatter", x: [1], y: [2] }], { title: { text: "ALT map" } }, { synthetic: true });
    const title = f.layout.title as { text: string };
    assert.equal(title.text, `${SYNTHETIC_LABEL}: ALT map`);
    assert.ok((f.layout.annotations ?? []).some((a) => a.text === SYNTHETIC_LABEL));
  });
  it("leaves real-data figures untouched", () => {
    const f = makeFigure("real", [], { title: { text: "Table 1" } });
    assert.equal((f.layout.title as { text: string }).text, "Table 1");
    assert.equal(f.synthetic, false);
  });
  it("a raster map hides the colour bar of a one-valued band (a domain mask) when asked, and refuses a non-boolean", () => {
    const g = lonLatGrid([0, 0, 2, 2], 1);
    const heat = (o: { showscale?: boolean }) => rasterMap("mask", g, Float32Array.from([1, NaN, 1, 1]), "domain", { valueTitle: "domain", ...o }).data[0] as { showscale: boolean };
    assert.equal(heat({}).showscale, true);
    assert.equal(heat({ showscale: false }).showscale, false);
    assert.throws(() => heat({ showscale: "no" as unknown as boolean }), (e: unknown) => e instanceof ArgumentError && /rasterMap: options.showscale: not a boolean: got "no"/.test(e.message));
  });
  it("rejects names that are not file-safe", () => {
    assert.throws(() => makeFigure("../x", []), (e: unknown) => e instanceof ArgumentError && /makeFigure: name: bad figure name: got "\.\.\/x", expected a file-safe name matching/.test(e.message));
    assert.throws(() => makeFigure("Has Space", []), (e: unknown) => e instanceof ArgumentError && /bad figure name: got "Has Space"/.test(e.message));
  });
});

describe("writeFigureSpec and show", () => {
  it("write an HTML page that loads the shared plotly bundle, never inlining it", () => {
    const { html, json } = writeFigureSpec(makeFigure("spec-only", [{ type: "bar", x: ["a"], y: [1] }]));
    const page = fs.readFileSync(html, "utf8");
    assert.match(page, /<script src="plotly\.min\.js"><\/script>/);
    assert.ok(page.length < 10000, `HTML is ${page.length} bytes`);
    assert.ok(fs.statSync(path.join(path.dirname(html), "plotly.min.js")).size > 1e6);
    assert.deepEqual(JSON.parse(fs.readFileSync(json, "utf8")).data[0].y, [1]);
  });

  it("a figure page says why it is blank when plotly.min.js did not load (the classic Notebook's sandboxed /files/)", () => {
    const page = fs.readFileSync(writeFigureSpec(makeFigure("no-plotly-note", [])).html, "utf8");
    assert.match(page, /if \(typeof Plotly !== "undefined"\) Plotly\.newPlot/);
    assert.match(page, /else document\.getElementById\("fig"\)\.innerHTML = ".*plotly\.min\.js, next to this page, did not load.*\/static\/.*npm run lab/);
    const inline = (page.split("<script>")[1] ?? "").split("</script>")[0] ?? "";
    assert.ok(inline.includes("plotly.min.js, next to this page") && !inline.includes("<"), "the note's markup is escaped inside the inline script");
  });

  it("shows the figure, then a link to its interactive page relative to the notebook's folder, and names the files by their real paths", async () => {
    const inside = fs.mkdtempSync(path.join(projectRoot(), "build", "pk-fig-inside-"));
    try {
      const nbDir = fs.mkdtempSync(path.join(tmp, "notebooks-"));
      const { bundles, value: files } = await inFakeKernel(nbDir, { PERMAFROST_BUILD_DIR: inside }, () => showFigure(makeFigure("link-check", [{ type: "bar", x: ["a"], y: [1] }], {}, { width: 200, height: 100, synthetic: true })));
      assert.equal(bundles.length, 2, "one figure bundle, then one link");
      const [figure, link] = bundles as [Bundle, Bundle];
      const rel = (f: string): string => path.relative(projectRoot(), f);
      assert.ok(rel(files.html).startsWith(`build${path.sep}pk-fig-inside-`));
      assert.equal(figure["text/plain"], `Figure link-check (SYNTHETIC DATA): ${files.png !== undefined ? rel(files.png) : `${rel(files.html)} (no PNG: no Chromium)`}`);
      assert.ok("application/vnd.plotly.v1+json" in figure);
      assert.equal("image/png" in figure, files.png !== undefined);
      const href = path.relative(nbDir, files.html).split(path.sep).join("/");
      assert.deepEqual(link, { "text/markdown": `[interactive figure](${href})`, "text/plain": `interactive figure: ${rel(files.html)}` });
      assert.equal(path.resolve(nbDir, href), files.html, "the link leads from the notebook's folder to the page");
    } finally {
      fs.rmSync(inside, { recursive: true, force: true });
    }
  });

  it("under npm run lab (classic Notebook) the link climbs from /notebooks/<folder>/ to the build folder served at /static/", async () => {
    const serverRoot = fs.mkdtempSync(path.join(tmp, "server-root-"));
    const nbDir = path.join(serverRoot, "notebooks", "sub dir");
    fs.mkdirSync(nbDir, { recursive: true });
    const env = { PERMAFROST_NOTEBOOK_DIR: serverRoot, PERMAFROST_STATIC_DIR: tmp };
    const { bundles, value: files } = await inFakeKernel(nbDir, env, () => showFigure(makeFigure("lab-link", [], {}, { width: 200, height: 100 })));
    // page URL <base>/notebooks/notebooks/sub%20dir/x.ipynb: three levels up is <base>/
    const expected = `../../../static/${path.relative(tmp, files.html).split(path.sep).join("/")}`;
    assert.equal(bundles[1]?.["text/markdown"], `[interactive figure](${expected})`);
    assert.equal(new URL(expected, "http://127.0.0.1:8888/notebooks/notebooks/sub%20dir/x.ipynb").pathname, `/static/${path.relative(tmp, files.html).split(path.sep).join("/")}`);
    // a notebook outside the served root gets the plain relative link
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "pk-fig-outside-"));
    try {
      const r = await inFakeKernel(outside, env, () => showFigure(makeFigure("lab-link", [], {}, { width: 200, height: 100 })));
      assert.equal(r.bundles[1]?.["text/markdown"], `[interactive figure](${path.relative(outside, files.html).split(path.sep).join("/")})`);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("renders a PNG in headless Chromium when one is installed", { skip: findChromium() === undefined ? "no Chromium installed" : false }, async () => {
    const files = await showFigure(makeFigure("png-check", [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }], {}, { width: 300, height: 200 }));
    assert.ok(files.png !== undefined);
    const png = fs.readFileSync(files.png);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 600); // width 300 css px at scale 2
    assert.equal(png.readUInt32BE(20), 400);
  });
});

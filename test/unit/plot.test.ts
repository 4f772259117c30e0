import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { ArgumentError, closeRenderer, lonLatGrid, makeFigure, findChromium, rasterMap, showFigure, SYNTHETIC_LABEL, writeFigureSpec } from "permafrost-kit";

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

  it("renders a PNG in headless Chromium when one is installed", { skip: findChromium() === undefined ? "no Chromium installed" : false }, async () => {
    const files = await showFigure(makeFigure("png-check", [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }], {}, { width: 300, height: 200 }));
    assert.ok(files.png !== undefined);
    const png = fs.readFileSync(files.png);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 600); // width 300 css px at scale 2
    assert.equal(png.readUInt32BE(20), 400);
  });
});

/**
 * Figure specs. A {@link Figure} is a plain plotly.js spec (data + layout) with a file-safe
 * name, so the same object can be shown in a notebook, written as JSON/HTML, and rendered
 * to PNG. Figures built from synthetic data carry `synthetic: true`, which puts
 * "SYNTHETIC DATA" into the title and a watermark on the plot, so that no PNG of a demo
 * world can be mistaken for a paper figure.
 */
import type { Data, Layout } from "plotly.js";
import { ArgumentError } from "../core/errors";
import { checkInteger, checkOptions } from "../core/checks";

export type { Data, Layout };

/** A plotly figure with a name and the kit's labelling. */
export interface Figure {
  /** File-safe name, used for build/<profile>/figures/<name>.png and .html. */
  readonly name: string;
  /** plotly traces. */
  readonly data: Data[];
  /** plotly layout (title already carries the synthetic label when `synthetic`). */
  readonly layout: Partial<Layout>;
  /** True when the figure shows synthetic (demo) data. */
  readonly synthetic: boolean;
  /** Size of the static PNG in CSS pixels. */
  readonly width: number;
  /** Size of the static PNG in CSS pixels. */
  readonly height: number;
}

/** Options for {@link makeFigure}. */
export interface FigureOptions {
  /** The data are synthetic (default false): label the title and add a watermark. */
  synthetic?: boolean;
  /** PNG width in CSS pixels (default 900). */
  width?: number;
  /** PNG height in CSS pixels (default 560). */
  height?: number;
}

/** The label put in front of the titles of figures of synthetic data. */
export const SYNTHETIC_LABEL = "SYNTHETIC DATA";

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Build a figure spec.
 *
 * @param name - file-safe name (lower case, digits, `.`, `_`, `-`), e.g. "liu2025-fig2-forest"
 * @param data - plotly traces
 * @param layout - plotly layout; `layout.title` may be a string or a plotly title object
 * @param options - synthetic labelling and PNG size
 * @returns the figure
 * @throws ArgumentError when the name is not file-safe, `data` is not an array, `layout` is not an
 *   object, an option is unknown, or the size is not an integer from 50 to 10000 px
 */
export function makeFigure(name: string, data: Data[], layout: Partial<Layout> = {}, options: FigureOptions = {}): Figure {
  checkFigureName("makeFigure", "name", name);
  if (!Array.isArray(data)) throw new ArgumentError({ fn: "makeFigure", arg: "data", value: data, expected: "an array of plotly traces" }, "not an array");
  if (layout === null || typeof layout !== "object" || Array.isArray(layout)) throw new ArgumentError({ fn: "makeFigure", arg: "layout", value: layout, expected: "a plotly layout object" }, "not an object");
  checkFigureOptions("makeFigure", "options", options, BUILDER_PASS_THROUGH);
  const synthetic = options.synthetic ?? false;
  const width = options.width ?? 900;
  const height = options.height ?? 560;
  const base: Partial<Layout> = { template: undefined, font: { family: "DejaVu Sans, Liberation Sans, Arial, sans-serif", size: 13 }, width, height, ...layout };
  if (!synthetic) return { name, data, layout: base, synthetic, width, height };
  const rawTitle = layout.title;
  const titleText = typeof rawTitle === "string" ? rawTitle : (rawTitle?.text ?? "");
  const title = { ...(typeof rawTitle === "object" ? rawTitle : {}), text: `${SYNTHETIC_LABEL}: ${titleText}` };
  const watermark = {
    text: SYNTHETIC_LABEL,
    xref: "paper" as const,
    yref: "paper" as const,
    x: 0.5,
    y: 0.5,
    showarrow: false,
    textangle: "-20",
    opacity: 0.12,
    font: { size: 64, color: "#c00" },
  };
  return {
    name,
    data,
    layout: { ...base, title, annotations: [...(layout.annotations ?? []), watermark] },
    synthetic,
    width,
    height,
  };
}

/**
 * Option names of builders outside this module that pass their whole options object on to
 * {@link makeFigure} (`shapSummaryPlot`'s `top`); accepted and ignored by `makeFigure`.
 */
const BUILDER_PASS_THROUGH: readonly string[] = ["top"];

/**
 * The {@link FigureOptions} part of a builder's options (what a builder passes on to {@link makeFigure}).
 *
 * @param options - a builder's options
 * @param size - the builder's default width and height (overridden by the options)
 * @returns synthetic, width and height only
 * @example
 * figureOptionsOf({ synthetic: true, valueTitle: "ALT" }, { width: 800 }); // { width: 800, synthetic: true }
 */
export function figureOptionsOf(options: FigureOptions, size: { width?: number; height?: number } = {}): FigureOptions {
  const out: FigureOptions = { ...size };
  if (options.synthetic !== undefined) out.synthetic = options.synthetic;
  if (options.width !== undefined) out.width = options.width;
  if (options.height !== undefined) out.height = options.height;
  return out;
}

/** The option names of {@link FigureOptions}. */
export const FIGURE_OPTION_NAMES: readonly string[] = ["synthetic", "width", "height"];

/**
 * Require a file-safe figure name (lower case, digits, `.`, `_`, `-`).
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param name - the value
 * @returns the name
 * @throws ArgumentError naming the bad name and the pattern
 * @example
 * checkFigureName("figure", "name", "liu2025-fig2"); // 'liu2025-fig2'
 */
export function checkFigureName(fn: string, arg: string, name: unknown): string {
  if (typeof name !== "string" || !NAME_RE.test(name)) throw new ArgumentError({ fn, arg, value: name, expected: `a file-safe name matching ${String(NAME_RE)}` }, "bad figure name");
  return name;
}

/**
 * Check the options of a figure builder: known names only (the {@link FigureOptions} plus
 * `extra`), a boolean `synthetic`, integer sizes from 50 to 10000 px.
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param options - the options object (or undefined)
 * @param extra - the builder's own option names
 * @throws ArgumentError listing the valid names, or naming the bad value
 * @example
 * checkFigureOptions("rasterMap", "options", { width: 800, valueTitle: "ALT" }, ["valueTitle"]); // passes
 * checkFigureOptions("rasterMap", "options", { widht: 800 }, ["valueTitle"]); // throws ArgumentError
 */
export function checkFigureOptions(fn: string, arg: string, options: unknown, extra: readonly string[]): void {
  checkOptions(fn, arg, options, [...FIGURE_OPTION_NAMES, ...extra]);
  if (options === undefined) return;
  const o = options as FigureOptions;
  if (o.synthetic !== undefined && typeof o.synthetic !== "boolean") throw new ArgumentError({ fn, arg: `${arg}.synthetic`, value: o.synthetic, expected: "true or false" }, "not a boolean");
  if (o.width !== undefined) checkInteger(fn, `${arg}.width`, o.width, { min: 50, max: 10000 });
  if (o.height !== undefined) checkInteger(fn, `${arg}.height`, o.height, { min: 50, max: 10000 });
}

/**
 * Require a figure as {@link makeFigure} builds it (file-safe name, data array, layout object,
 * positive integer size).
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param fig - the value
 * @returns the figure
 * @throws ArgumentError naming what is missing or bad
 * @example
 * checkFigure("showFigure", "fig", makeFigure("a", [])).name; // 'a'
 */
export function checkFigure(fn: string, arg: string, fig: unknown): Figure {
  if (fig === null || typeof fig !== "object") throw new ArgumentError({ fn, arg, value: fig, expected: "a Figure from makeFigure()" }, "not a figure");
  const f = fig as Partial<Figure>;
  checkFigureName(fn, `${arg}.name`, f.name);
  if (!Array.isArray(f.data)) throw new ArgumentError({ fn, arg: `${arg}.data`, value: f.data, expected: "an array of plotly traces" }, "not an array");
  if (f.layout === null || typeof f.layout !== "object") throw new ArgumentError({ fn, arg: `${arg}.layout`, value: f.layout, expected: "a plotly layout object" }, "not an object");
  checkInteger(fn, `${arg}.width`, f.width, { min: 1 });
  checkInteger(fn, `${arg}.height`, f.height, { min: 1 });
  return fig as Figure;
}

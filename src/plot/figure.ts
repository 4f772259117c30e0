/**
 * Figure specs. A {@link Figure} is a plain plotly.js spec (data + layout) with a file-safe
 * name, so the same object can be shown in a notebook, written as JSON/HTML, and rendered
 * to PNG. Figures built from synthetic data carry `synthetic: true`, which puts
 * "SYNTHETIC DATA" into the title and a watermark on the plot, so that no PNG of a demo
 * world can be mistaken for a paper figure.
 */
import type { Data, Layout } from "plotly.js";

export type { Data, Layout };

/** A plotly figure with a name and the kit's labelling. */
export interface Figure {
  /** File-safe name, used for build/figures/<name>.png and .html. */
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

/** Options for {@link figure}. */
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
 * @throws Error when the name is not file-safe
 */
export function figure(name: string, data: Data[], layout: Partial<Layout> = {}, options: FigureOptions = {}): Figure {
  if (!NAME_RE.test(name)) throw new Error(`figure: name ${JSON.stringify(name)} must match ${String(NAME_RE)}`);
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

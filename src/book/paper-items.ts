/**
 * The catalogue of every numbered figure and table of both papers' main texts (issue 19), for the
 * book's reproduction report: where each is presented, which kit figures redraw it, which
 * notebook outputs show it, which ledger claims check the numbers it shows, and what of it cannot
 * be redrawn offline, and why.
 *
 * The catalogue states facts about the papers and the notebooks only. It holds no status: the
 * book derives each entry's status from the run (a figure's SYNTHETIC flag, the ledgers' matches).
 *
 * Paper 1: Liu et al. 2024, Environ. Res. Lett. 19 014020 (`liu2024`). Paper 2: Liu et al. 2025,
 * npj Clim. Atmos. Sci. (`liu2025`). The unit test checks the catalogue against the papers' texts
 * (shared/papers beside the project) where they are present.
 */
import { LIU2025_CLAIMS } from "../data/liu2025/claims";

/** One figure or table of a paper, and where the kit redraws it. */
export interface PaperItem {
  /** `liu2024`: Liu et al. 2024 ERL 19 014020 (paper 1); `liu2025`: Liu et al. 2025 npj Clim. Atmos. Sci. (paper 2). */
  paper: "liu2024" | "liu2025";
  /** A figure or a table. */
  kind: "figure" | "table";
  /** The label as the paper prints it: "Figure 4" (paper 1), "Fig. 8" (paper 2), "Table 1". */
  label: string;
  /** The panels this entry covers, e.g. "a–d" or "a, d"; "" = the whole item. */
  panels: string;
  /** The caption's gist, one line, from the paper. */
  caption: string;
  /** The paper section that presents it, e.g. "3.1 Spatial and temporal patterns of ALT". */
  section: string;
  /** Kit figure names (makeFigure names) that redraw it; a trailing "*" makes the name a prefix (`nb15-fig6-*`). */
  figures: readonly string[];
  /** Non-figure outputs that show it (tables): the notebook stem and a text that occurs in that cell's output. */
  outputs: readonly { notebook: string; contains: string }[];
  /** Ids in LIU2024_CLAIMS (paper 1) or LIU2025_CLAIMS (paper 2) of the claims whose printed numbers the item shows. */
  claims: readonly string[];
  /** What cannot be redrawn offline (the whole item or some panels), and why; absent when everything can. */
  offline?: string;
}

const TRAINING_DATA = "the in-situ ALT site-years (CALM, ABoVE SMALT, ABCflux, Tibetan Plateau) and the gridded predictors of Table 1, which are not shipped and cannot be fetched here";
const PRODUCT = "Notebook 17 redraws this from the authors' published annual maps (Zenodo, doi:10.5281/zenodo.10070610) when PERMAFROST_ALT_PRODUCT names their folder; they cannot be downloaded here, so by default it uses a synthetic stand-in in the product's layout. The kit's own chain (notebook 13) needs " + TRAINING_DATA + ", so it runs on the synthetic demo world";
const ENSEMBLES = "Needs the bootstrap and model-structure ensembles of §2.4.2, i.e. retraining on " + TRAINING_DATA + " (the published product holds only the ensemble-mean maps); redrawn on the synthetic demo world only";
const POSITIONS = "Site positions are approximate: the paper gives no coordinates, so the kit's gazetteer (data/liu2025/sites.csv) places each site at its named locality where one could be identified and draws a placeholder (open circle) where not";
const ERA5 = "the ERA5-Land predictors (2014–2023 means at the sites), which are not shipped and cannot be fetched here";

/**
 * Paper 2's claims read off Table 1 itself: one site's cell, its sign, the site with the smallest
 * value, and the site count.
 *
 * @returns the claim ids, in ledger order
 */
function table1CellClaims(): string[] {
  return LIU2025_CLAIMS.filter((c) => c.check.kind === "site" || c.check.kind === "siteSign" || c.check.kind === "siteArgMin" || c.check.kind === "siteCount").map((c) => c.id);
}

/**
 * Every numbered figure and table of both papers' main texts, in the papers' order (paper 1
 * first). An item whose panels differ in what the kit can redraw is split into several entries
 * (Liu et al. 2024 Figure 3: a; b–c; d–e). `claims` lists, for a table, the ledger entries that
 * quote its cells; for a figure, those about a quantity the figure displays that the text ties to
 * it: stated in a paragraph that cites the figure, or the abstract's statement of such a quantity.
 * Reviewer asides of the ledgers are left out. Figures 1, 2 and 8 of paper 1 have no caption in
 * the text copy; their gist comes from the sentences that cite them.
 *
 * @example
 * PAPER_ITEMS.filter((i) => i.paper === "liu2025" && i.label === "Fig. 2")[0].figures; // ['liu2025-fig2-forest-subregions']
 * PAPER_ITEMS.filter((i) => i.paper === "liu2024" && i.label === "Figure 3").map((i) => i.panels); // ['a', 'b–c', 'd–e']
 * PAPER_ITEMS.find((i) => i.label === "Figure 2")!.figures.length; // 0 (no kit figure: the burned-area record cannot be fetched)
 */
export const PAPER_ITEMS: readonly PaperItem[] = [
  // ---- Paper 1: Liu et al. 2024, ERL 19 014020 ----
  {
    paper: "liu2024", kind: "table", label: "Table 1", panels: "",
    caption: "Predictor variables used for RF ALT modeling: description, data source and native resolution",
    section: "2.3 Satellite and other gridded environmental predictors",
    figures: [],
    outputs: [{ notebook: "11-alt-data", contains: "| variable | kind | unit | file |" }],
    claims: [],
    offline: "The predictor rasters (MODIS LST, VCF and NDVI, global surface water, AMSR freeze/thaw, IMS snow, SoilGrids, MODIS land cover, DEM, ESA CCI soil moisture) are not shipped and cannot be fetched here; notebook 11 lists the synthetic demo world's stand-ins for them, or the files of a real manifest named by PERMAFROST_ALT_INPUTS",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 1", panels: "",
    caption: "(no caption in the text copy) The in-situ ALT sites and site-years used for training, over the NPR domain",
    section: "2.2 In-situ ALT measurement data",
    figures: ["nb11-fig1-sites"],
    outputs: [],
    claims: [],
    offline: "Needs the in-situ ALT site-years (CALM, ABoVE SMALT, ABCflux, Tibetan Plateau), which are not shipped and cannot be fetched here; drawn on the synthetic demo world's site network",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 2", panels: "",
    caption: "(no caption in the text copy) The burned 1 km pixels of 2005–2015 from MODIS MCD64A1 used for the fire analysis",
    section: "2.5 Evaluations of fire effects on ALT",
    figures: [],
    outputs: [],
    claims: [],
    offline: "Not drawn by the kit: no notebook maps the burned pixels. It needs the MODIS MCD64A1 burned-area record, which is not shipped and cannot be fetched here (notebook 16 samples the synthetic demo world's burn years for Figure 8)",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 3", panels: "a",
    caption: "RF ensemble ALT against the CALM site measurements of mean ALT (log10 axes, density colours, best-fit and 1:1 lines)",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: ["nb12-fig3a-cv-scatter"],
    outputs: [{ notebook: "12-alt-grid-search", contains: "cross-validated accuracy" }],
    claims: ["abs-r2", "res-cv-rmse", "res-cv-bias"],
    offline: "Needs " + TRAINING_DATA + "; redrawn with the same tenfold cross-validation on the synthetic demo world",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 3", panels: "b–c",
    caption: "Maps of the ALT trends 2003–2020 at the CALM sites, from the RF predictions (b) and from the site measurements (c)",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: [],
    outputs: [],
    claims: [],
    offline: "Not drawn by the kit: no notebook maps the site trends (notebook 16 writes every site's trends to its results JSON). With real data they also need the CALM site measurements, which are not shipped and cannot be fetched here",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 3", panels: "d–e",
    caption: "Trend-sign agreement between RF predictions and CALM sites (d: ++, +−, −+, −−) and the correlation of their trends (e)",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: ["nb16-fig3d-signs", "nb16-fig3e-trend-scatter"],
    outputs: [{ notebook: "16-alt-fire-and-sites", contains: "sign agreement" }],
    claims: ["abs-sites-deepening", "res-site-trend-high"],
    offline: "Needs the CALM site measurements (sites with at least 10 years) and maps trained on " + TRAINING_DATA + "; redrawn on the synthetic demo world's sites",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 4", panels: "a, d",
    caption: "Mean ALT 2003–2020 (a) and its latitudinal summary with permafrost pixel counts per latitude bin (d)",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: ["nb13-fig4a-mean-alt", "nb13-fig4d-lat-mean", "nb17-fig4a-mean-alt", "nb17-fig4d-lat-mean"],
    outputs: [{ notebook: "13-alt-maps-trends", contains: "mean ALT by zone" }, { notebook: "17-alt-published-product", contains: "mean ALT by zone" }],
    claims: ["res-zone-temperate-mean", "res-zone-temperate-q25", "res-zone-temperate-q75", "res-zone-north-mean", "res-zone-north-q25", "res-zone-north-q75"],
    offline: PRODUCT,
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 4", panels: "b–c",
    caption: "Standard deviation (b) and coefficient of variation (c) of mean ALT 2003–2020 across the uncertainty ensembles",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: ["nb14-fig4b-sd-mean", "nb14-fig4c-cv-mean"],
    outputs: [{ notebook: "14-alt-uncertainty", contains: "spread across replicates" }],
    claims: ["res-unc-sd"],
    offline: ENSEMBLES,
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 5", panels: "a",
    caption: "Ensemble-mean ALT trend 2003–2020",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: ["nb13-fig5a-trend", "nb17-fig5a-trend"],
    outputs: [{ notebook: "13-alt-maps-trends", contains: "trend summary, 2003–2020" }, { notebook: "17-alt-published-product", contains: "65 % deepening" }],
    claims: ["abs-share-deepening", "abs-trend-mean", "abs-trend-sd", "abs-trend-q25", "abs-trend-q75"],
    offline: PRODUCT,
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 5", panels: "b–d",
    caption: "Lower (2.5 % ensemble quantile, b) and higher (97.5 %, c) trend predictions and the SD of the trend (d)",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: ["nb14-fig5b-trend-low", "nb14-fig5c-trend-high", "nb14-fig5d-trend-sd"],
    outputs: [{ notebook: "14-alt-uncertainty", contains: "high 0.66 cm/yr" }],
    claims: ["res-trend-high", "res-trend-low-share", "res-trend-low"],
    offline: ENSEMBLES,
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 5", panels: "e",
    caption: "Latitudinal summary of the ALT trend, with pixel counts per bin (grey bars) and the ensembles' SD of the trend (shading)",
    section: "3.1 Spatial and temporal patterns of ALT",
    figures: ["nb13-fig5e-lat-trend", "nb14-fig5e-lat-trend-bands", "nb17-fig5e-lat-trend"],
    outputs: [],
    claims: [],
    offline: "The profile of the mean trend can come from the published product (notebook 17, when PERMAFROST_ALT_PRODUCT names it; it cannot be downloaded here, so a synthetic stand-in is used). The ensembles' SD shading needs the uncertainty ensembles of §2.4.2, i.e. retraining on " + TRAINING_DATA + "; notebook 14 draws it on the synthetic demo world only",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 6", panels: "",
    caption: "Ranked importance of the top six RF predictors of mean ALT, with partial-dependence (red) and ICE (black) curves and decile rugs",
    section: "3.2 Environmental drivers of ALT mean and trend",
    figures: ["nb15-fig6-*"],
    outputs: [{ notebook: "15-alt-drivers", contains: "relative importance (% of total)" }],
    claims: ["res-drivers", "res-elevation-mean"],
    offline: "Needs maps trained on " + TRAINING_DATA + "; redrawn on the synthetic demo world, where the top six predictors (and so the names nb15-fig6-<predictor>) depend on the run",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 7", panels: "",
    caption: "As Figure 6, for the ALT trend 2003–2020",
    section: "3.2 Environmental drivers of ALT mean and trend",
    figures: ["nb15-fig7-*"],
    outputs: [{ notebook: "15-alt-drivers", contains: "relative importance (% of total)" }],
    claims: ["res-elevation-trend"],
    offline: "Needs maps trained on " + TRAINING_DATA + "; redrawn on the synthetic demo world, where the top six predictors (and so the names nb15-fig7-<predictor>) depend on the run",
  },
  {
    paper: "liu2024", kind: "figure", label: "Figure 8", panels: "",
    caption: "(no caption in the text copy) Pre- and post-fire ALT change by land cover for pixels burned in 2005–2015",
    section: "3.2 Environmental drivers of ALT mean and trend (fire); 4.2 Environmental controls on ALT",
    figures: ["nb16-fig8-fire"],
    outputs: [{ notebook: "16-alt-fire-and-sites", contains: "ALT change relative to the two pre-fire years" }],
    claims: ["res-fire", "res-fire-recovery"],
    offline: "Needs the MODIS MCD64A1 burned-area record, the land-cover map and maps trained on " + TRAINING_DATA + "; redrawn on the synthetic demo world's fires",
  },

  // ---- Paper 2: Liu et al. 2025, npj Clim. Atmos. Sci. ----
  {
    paper: "liu2025", kind: "table", label: "Table 1", panels: "",
    caption: "Site information across the three poles: region, sub-region, site, MAGST, TTOP, ALT, MAAT, TO, SO and source",
    section: "Methods: Study sites and data compilation",
    figures: [],
    outputs: [{ notebook: "21-offsets-descriptive", contains: "paper (Methods)" }, { notebook: "21-offsets-descriptive", contains: "rows disagree beyond rounding" }],
    claims: table1CellClaims(),
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 1", panels: "a–c",
    caption: "Permafrost thermal-state profiles (mean ± SE) of the Arctic (a), the Third Pole (b) and Antarctica (c), with example sites and photographs",
    section: "Results: A global baseline reveals contrasting polar offsets",
    figures: ["liu2025-fig1-thermal-profiles"],
    outputs: [{ notebook: "21-offsets-descriptive", contains: "Mean ± SE by region" }],
    claims: [
      "abs-so-arctic-mean", "abs-so-arctic-se", "abs-so-tp-mean", "abs-so-tp-se", "abs-so-ant-mean", "abs-so-ant-se",
      "abs-to-arctic-mean", "abs-to-arctic-se", "abs-to-tp-mean", "abs-to-tp-se", "abs-to-ant-mean", "abs-to-ant-se",
      "res-maat-ant-mean", "res-maat-ant-se", "res-magst-ant-mean", "res-magst-ant-se", "res-maat-lowest-ant", "res-magst-lowest-ant", "res-so-ant-mean",
    ],
    offline: "The site photographs cannot be redrawn. The paper's Third Pole example 'CLP' is not a row of Table 1: the kit uses CLP1, which has no ALT in Table 1, and places its TTOP at the Third Pole's mean reported ALT. The kit labels its profiles with the example sites' own Table 1 values; the regions' mean ± SE, which the paper prints, are in notebook 21's table by region",
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 2", panels: "",
    caption: "Forest plot of SO, TO, TTOP, MAGST and MAAT by sub-region: mean and 95 % confidence interval",
    section: "Results: A global baseline reveals contrasting polar offsets",
    figures: ["liu2025-fig2-forest-subregions"],
    outputs: [{ notebook: "21-offsets-descriptive", contains: "Mean ± SE by sub-region" }],
    claims: [
      "abs-so-tp-mean", "res-maat-ant-mean", "res-magst-ant-mean", "res-so-ant-mean",
      "res-so-alaska-highest", "res-so-alaska-mean", "res-maat-alaska-mean", "res-magst-alaska-mean",
      "res-to-alaska-range", "res-to-canada-range", "res-to-russia-range", "res-to-svalbard-range", "abs-to-tp-mean", "res-to-ant-mean",
    ],
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 3", panels: "",
    caption: "Spatial variability of SO at the sites across the three poles (Plate Carrée map; colour = SO)",
    section: "Results: A global baseline reveals contrasting polar offsets; Surface offset is governed by large-scale climate forcing",
    figures: ["liu2025-fig3-so-platecarree"],
    outputs: [],
    claims: ["res-so-arctic-min", "res-so-arctic-max", "res-so-chukochya", "res-so-kevo", "res-so-elh", "res-so-clp2"],
    offline: POSITIONS,
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 4", panels: "",
    caption: "Spatial variability of TO at the sites across the three poles (Plate Carrée map; colour = TO, size = |TO|)",
    section: "Results: A global baseline reveals contrasting polar offsets; Thermal offset is fine-tuned by local substrate properties",
    figures: ["liu2025-fig4-to-platecarree"],
    outputs: [],
    claims: ["res-to-arctic-min", "res-to-arctic-max", "res-to-tp-min", "res-to-tp-max", "res-to-tp-positive", "res-to-elh", "res-to-mdx3", "res-to-clp1"],
    offline: POSITIONS,
  },
  // The caption puts TO in panel a and SO in panel b; the text cites the TO SHAP values as
  // "Fig. 5b" and the snow meta-analysis as "Fig. 5a". The entries follow the caption.
  {
    paper: "liu2025", kind: "figure", label: "Fig. 5", panels: "a",
    caption: "SHAP values of the primary drivers of TO (violin plots, drivers ranked by mean |SHAP|)",
    section: "Results: Thermal offset is fine-tuned by local substrate properties",
    figures: ["liu2025-fig5a-shap-to"],
    outputs: [{ notebook: "22-offsets-xgboost-shap", contains: "TO: top predictors" }],
    claims: ["res-shap-to"],
    offline: "Needs " + ERA5 + "; the XGBoost model is trained on the real Table 1 TO with synthetic predictors, so its SHAP values are not the paper's",
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 5", panels: "b",
    caption: "SHAP values of the primary drivers of SO (violin plots, drivers ranked by mean |SHAP|)",
    section: "Results: Surface offset is governed by large-scale climate forcing",
    figures: ["liu2025-fig5b-shap-so"],
    outputs: [{ notebook: "22-offsets-xgboost-shap", contains: "SO: top predictors" }],
    claims: ["res-shap-so-precip"],
    offline: "Needs " + ERA5 + "; the XGBoost model is trained on the real Table 1 SO with synthetic predictors, so its SHAP values are not the paper's",
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 6", panels: "",
    caption: "Meta-analysis forest plot of snow variables → SO slopes, grouped by vegetation type and polar region",
    section: "Results: Surface offset is governed by large-scale climate forcing",
    figures: ["liu2025-fig6-snow-so-meta"],
    outputs: [],
    claims: ["res-meta-snow"],
    offline: "Needs " + ERA5 + ", and the sites' vegetation classes, which the paper does not tabulate; the pipeline runs on the real Table 1 SO with synthetic predictors and classes",
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 7", panels: "",
    caption: "Meta-analysis forest plot of moisture variables → TO slopes, grouped by soil texture and polar region",
    section: "Results: Thermal offset is fine-tuned by local substrate properties",
    figures: ["liu2025-fig7-moisture-to-meta"],
    outputs: [],
    claims: ["res-meta-to"],
    offline: "Needs " + ERA5 + ", and the sites' soil-texture classes, which the paper does not tabulate; the pipeline runs on the real Table 1 TO with synthetic predictors and classes",
  },
  {
    paper: "liu2025", kind: "figure", label: "Fig. 8", panels: "a–c",
    caption: "Permafrost distribution (International Permafrost Association) and the study sites of the Arctic (a), the Third Pole (b) and Antarctica (c), polar projections",
    section: "Methods: Study sites and data compilation",
    figures: ["liu2025-fig8a-to-arctic-polar", "liu2025-fig8b-to-third-pole", "liu2025-fig8c-to-antarctica-polar"],
    outputs: [],
    claims: ["met-counts"],
    offline: "The International Permafrost Association's permafrost-distribution layer is not shipped and is not drawn. " + POSITIONS + ". The kit colours the sites by TO and draws the Third Pole panel in Plate Carrée, where the paper uses polar projections",
  },
];

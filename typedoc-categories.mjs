// TypeDoc plugin (typedoc.json "plugin"): files every export of src/index.ts under a category named
// after the folder it is defined in (src/stats → "Statistics", …), so the API reference groups the
// kit the way src/ does, without a @category tag on each of the ~500 doc comments.
import { Comment, CommentTag, Converter } from "typedoc";

/** Folder prefix (below the repository root) → category title; the first match wins. */
const CATEGORIES = [
  ["src/stats/", "Statistics"],
  ["src/ml/forest/", "Machine learning: random forest"],
  ["src/ml/xgboost/", "Machine learning: XGBoost and TreeSHAP"],
  ["src/ml/export/", "Machine learning: export to Earth Engine"],
  ["src/ml/", "Machine learning: explanation"],
  ["src/raster/", "Rasters"],
  ["src/alt/", "Active-layer pipeline (paper 1)"],
  ["src/data/", "Data sets"],
  ["src/io/", "Input and output"],
  ["src/plot/", "Figures"],
  ["src/project/", "Project, notebooks and seeds"],
  ["src/notebook/", "Project, notebooks and seeds"],
  ["src/random/", "Project, notebooks and seeds"],
  ["src/core/", "Errors and checks"],
  ["src/book/", "Book: reproduction report"],
];

/** @param {import("typedoc").Application} app - the TypeDoc application */
export function load(app) {
  const added = [];
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const child of context.project.children ?? []) {
      const decl = context.getSymbolFromReflection(child)?.declarations?.[0];
      const file = (decl?.getSourceFile().fileName ?? "").replace(/\\/g, "/");
      const hit = CATEGORIES.find(([prefix]) => file.includes(prefix));
      if (!hit) continue;
      const created = !child.comment;
      if (created) child.comment = new Comment();
      const tag = new CommentTag("@category", [{ kind: "text", text: hit[1] }]);
      child.comment.blockTags.push(tag);
      added.push({ child, tag, created });
    }
  }, -100); // before TypeDoc's CategoryPlugin (-200)
  app.converter.on(Converter.EVENT_RESOLVE_END, () => {
    for (const { child, tag, created } of added.splice(0)) {
      if (created) child.comment = undefined;
      else child.comment.blockTags = child.comment.blockTags.filter((t) => t !== tag);
    }
  }, -300); // after it: the tag is not shown on the page
}

/**
 * The reviewer's book (issue 19): `npm run book` renders a run's executed notebooks as a static site
 * with interactive figures, the claims ledgers and a reproduction report of both papers; the
 * catalogue of both papers' figures and tables the report is built from. The `book` layer of
 * permafrost-kit; the package entry re-exports it flat and as the namespace `kit.book`.
 */
export * from "./paper-items";
export * from "./executed-notebook";
export * from "./page";
export * from "./render-notebook";
export * from "./reproduction-status";
export * from "./build-book";

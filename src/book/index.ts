/**
 * The book: what `npm run book` builds its reproduction report from. The `book` layer of
 * permafrost-kit; the package entry re-exports it flat and as the namespace `kit.book`.
 */
export * from "./paper-items";

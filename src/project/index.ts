/**
 * Project plumbing: paths, profiles, results JSON, the content-hash cache, atomic writes.
 * The `project` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.project`.
 */
export * from "./paths";
export * from "./profile";
export * from "./results";
export * from "./cache";
export * from "./atomic";
export * from "./machine";

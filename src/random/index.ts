/**
 * Seeded randomness.
 * The `random` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.random`.
 */
export * from "./rng";

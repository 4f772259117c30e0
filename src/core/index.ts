/**
 * The error policy, argument checks, the Matrix type and the Model contract.
 * The `core` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.core`.
 */
export * from "./errors";
export * from "./checks";
export * from "./matrix";
export * from "./model";

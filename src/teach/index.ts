/**
 * Teaching (issue 18): exercise notebooks with self-checks, student versions and an autograder, in the
 * manner of Otter-Grader for TypeScript on tslab.
 */
export * from "./todo";
export * from "./seal";
export * from "./sealed-value";
export * from "./exercise";

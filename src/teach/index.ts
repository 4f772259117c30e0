/**
 * Teaching (issue 18): exercise notebooks with self-checks, student versions and an autograder, in the
 * manner of Otter-Grader for TypeScript on tslab.
 */
export * from "./todo";
export * from "./seal";
export * from "./sealed-value";
export * from "./exercise";
export * from "./master";
export * from "./assign";
export * from "./grade";
export * from "./run-exercise";
export * from "./make-exercises";
export * from "./grade-submissions";

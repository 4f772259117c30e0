/**
 * Small helpers shared by the forest modules (not re-exported from the package index).
 */

/**
 * Array.isArray without narrowing a readonly array to any[].
 *
 * @param v - any value
 * @returns whether it is an array
 * @example
 * isList([1, 2]); // true
 */
export const isList = (v: unknown): boolean => Array.isArray(v);

/**
 * The placeholder of a student notebook (issue 18): `npm run exercises` replaces each solution with
 * `todo()`, which compiles wherever the solution's value was expected, and a self-check that meets it
 * says "not yet: no answer yet" instead of failing on an undefined name. Otter Assign writes `...` for
 * the same purpose in Python; TypeScript needs a value of the expected type.
 */

/** The class of the one placeholder value; a check recognises it anywhere in an answer. */
export class Todo {
  /** Shown when a placeholder is printed. */
  toString(): string {
    return "todo()";
  }

  /**
   * @returns the text of the placeholder (JSON.stringify of an answer still holding one)
   */
  toJSON(): string {
    return "todo()";
  }
}

/** The placeholder value itself (frozen; compared by identity). */
export const TODO: Todo = Object.freeze(new Todo());

/**
 * A placeholder for a student's answer: returns {@link TODO}, typed as whatever the context expects,
 * so `const so: number[] = todo();` and `return todo();` compile until the student writes the code.
 *
 * @returns the placeholder
 * @example
 * const mean: number = todo();
 * isTodo(mean); // true
 */
export function todo<T>(): T {
  return TODO as unknown as T;
}

/**
 * Whether `value` is the placeholder, or an array or plain object that holds it somewhere (a student
 * who filled in one key of an answer object has not answered yet).
 *
 * @param value - an answer
 * @param depth - how deep to look into arrays and objects (default 4)
 * @returns true when the placeholder is found
 * @example
 * isTodo({ so: 1.2, to: todo() }); // true
 * isTodo([1, 2, 3]); // false
 */
export function isTodo(value: unknown, depth = 4): boolean {
  if (value === TODO) return true;
  if (depth <= 0 || value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some((v) => isTodo(v, depth - 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as Record<string, unknown>).some((v) => isTodo(v, depth - 1));
}

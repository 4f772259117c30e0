/**
 * Run profiles. `quick` is what CI runs (coarse grids, few replicates; every notebook in
 * minutes on 2 cores). `full` uses the papers' settings. The profile is chosen by the
 * environment variable `PERMAFROST_PROFILE` and read only through {@link currentProfile}.
 */

/** The two run profiles. */
export type ProfileName = "quick" | "full";

/** The environment variable that selects the profile. */
export const PROFILE_ENV = "PERMAFROST_PROFILE";

/**
 * The active profile: `$PERMAFROST_PROFILE`, or `quick` when unset (interactive use).
 * `npm run reproduce` sets `full` unless told otherwise; `npm test` sets `quick`.
 *
 * @throws Error when the variable holds anything other than `quick` or `full`.
 */
export function currentProfile(): ProfileName {
  const raw = process.env[PROFILE_ENV];
  if (raw === undefined || raw === "") return "quick";
  if (raw === "quick" || raw === "full") return raw;
  throw new Error(`${PROFILE_ENV}=${JSON.stringify(raw)} is not a profile; use "quick" or "full"`);
}

/**
 * Pick a setting by profile, e.g. `byProfile({ quick: 10, full: 100 })` bootstrap replicates.
 *
 * @param choices - the value for each profile
 * @returns the value for {@link currentProfile}
 */
export function byProfile<T>(choices: { quick: T; full: T }): T {
  return choices[currentProfile()];
}

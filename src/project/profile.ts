/**
 * Run profiles. `quick` is what CI runs (coarse grids, few replicates; every notebook in
 * minutes on 2 cores). `full` uses the papers' settings. The profile is chosen by the
 * environment variable `PERMAFROST_PROFILE` and read only through {@link currentProfile}.
 */
import { ArgumentError } from "../core/errors";
import { checkOptions } from "../core/checks";

/** The two run profiles. */
export type ProfileName = "quick" | "full";

/** The valid profile names. */
export const PROFILE_NAMES: readonly ProfileName[] = ["quick", "full"];

/** The environment variable that selects the profile. */
export const PROFILE_ENV = "PERMAFROST_PROFILE";

/**
 * The active profile: `$PERMAFROST_PROFILE`, or `quick` when unset (interactive use).
 * `npm run reproduce` sets `full` unless told otherwise; `npm test` sets `quick`.
 *
 * @returns the profile name
 * @throws ArgumentError naming the environment variable when it holds anything other than `quick` or `full`.
 */
export function currentProfile(): ProfileName {
  const raw = process.env[PROFILE_ENV];
  if (raw === undefined || raw === "") return "quick";
  if (raw === "quick" || raw === "full") return raw;
  throw new ArgumentError({ fn: "currentProfile", arg: `environment variable ${PROFILE_ENV}`, value: raw, expected: 'one of "quick", "full"' }, "not a profile");
}

/**
 * Pick a setting by profile, e.g. `byProfile({ quick: 10, full: 100 })` bootstrap replicates.
 *
 * @param choices - the value for each profile (both keys required, no others)
 * @returns the value for {@link currentProfile}
 * @throws ArgumentError when a profile is missing or an unknown key is given
 */
export function byProfile<T>(choices: { quick: T; full: T }): T {
  checkOptions("byProfile", "choices", choices, PROFILE_NAMES);
  for (const p of PROFILE_NAMES) {
    if (choices === undefined || !(p in choices)) throw new ArgumentError({ fn: "byProfile", arg: `choices.${p}`, expected: "a value for every profile (quick and full)" }, "missing");
  }
  return choices[currentProfile()];
}

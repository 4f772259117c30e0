/**
 * Smooth random fields on the sphere for the SYNTHETIC demo world: a sum of a few seeded
 * sinusoids in longitude (integer wavenumbers, so fields wrap at ±180°) and latitude, scaled to
 * roughly unit standard deviation. Cheap, deterministic, and smooth at any resolution.
 */
import { type Rng } from "../../random/rng";

/** A smooth field: (lon, lat) in degrees → a value of about unit SD. */
export type SmoothField = (lon: number, lat: number) => number;

/**
 * Draw a smooth field.
 *
 * @param rng - random stream (consumed)
 * @param terms - number of sinusoids (default 6)
 * @param maxWave - largest wavenumber (default 6; larger = finer structure)
 * @returns the field
 */
export function smoothField(rng: Rng, terms = 6, maxWave = 6): SmoothField {
  const kx: number[] = [];
  const ky: number[] = [];
  const px: number[] = [];
  const py: number[] = [];
  for (let k = 0; k < terms; k++) {
    kx.push(1 + rng.int(maxWave));
    ky.push(1 + rng.int(maxWave));
    px.push(rng.uniform() * 2 * Math.PI);
    py.push(rng.uniform() * 2 * Math.PI);
  }
  const scale = 2 / Math.sqrt(terms);
  const rad = Math.PI / 180;
  return (lon, lat) => {
    let s = 0;
    for (let k = 0; k < terms; k++) s += Math.sin(kx[k]! * lon * rad + px[k]!) * Math.cos(ky[k]! * 2 * lat * rad + py[k]!);
    return s * scale;
  };
}

/**
 * A smooth bump: 1 inside a lon/lat box, falling to 0 over `edge` degrees outside it.
 *
 * @param lon - longitude
 * @param lat - latitude
 * @param box - [west, south, east, north]
 * @param edge - width of the transition, degrees
 * @returns 0 … 1
 */
export function boxBump(lon: number, lat: number, box: readonly [number, number, number, number], edge: number): number {
  const dx = Math.max(box[0] - lon, 0, lon - box[2]);
  const dy = Math.max(box[1] - lat, 0, lat - box[3]);
  const d = Math.sqrt(dx * dx + dy * dy) / edge;
  return d >= 1 ? 0 : 0.5 * (1 + Math.cos(Math.PI * d));
}

/**
 * Logistic function.
 *
 * @param z - input
 * @returns 1 / (1 + e^(−z))
 */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Annual thaw index of a sinusoidal daily temperature cycle T(d) = m + A·sin(θ), summed over
 * the days with T > 0 (paper 1 Table 1: ATI = Σ daily LST over days with LST > 0), in closed form.
 *
 * @param m - annual mean temperature, °C
 * @param a - amplitude of the annual cycle, °C (> 0)
 * @returns [ATI in °C·day, number of thaw days]
 */
export function sinusoidThaw(m: number, a: number): [number, number] {
  if (m >= a) return [365 * m, 365];
  if (m <= -a) return [0, 0];
  const phi0 = Math.asin(-m / a);
  const span = Math.PI - 2 * phi0;
  return [(365 / (2 * Math.PI)) * (m * span + 2 * a * Math.cos(phi0)), (365 * span) / (2 * Math.PI)];
}

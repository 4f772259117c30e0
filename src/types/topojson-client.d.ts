// Minimal typings for the parts of topojson-client the kit uses (the package ships none).
declare module "topojson-client" {
  export function feature(topology: unknown, object: unknown): { type: string; features?: { geometry: { type: string; coordinates: unknown } }[]; geometry?: { type: string; coordinates: unknown } };
}

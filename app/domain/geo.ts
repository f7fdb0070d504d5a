/**
 * Great-circle distances, shared by the search's distance filter (its SQL uses the same constant
 * and formula: `12742 * asin(sqrt(...))`) and the pairing engine.
 */

/** Twice the mean Earth radius (6,371 km). */
export const earthDiameterKm = 12742;

export type Coordinates = { latitude: number; longitude: number };

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Haversine distance in km between two points given in degrees. */
export function haversineKm(a: Coordinates, b: Coordinates): number {
  const halfLatitude = Math.sin(radians(b.latitude - a.latitude) / 2);
  const halfLongitude = Math.sin(radians(b.longitude - a.longitude) / 2);
  const h = halfLatitude * halfLatitude + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * halfLongitude * halfLongitude;
  // Rounding can push h a hair above 1 for antipodal points; the SQL clamps the same way.
  return earthDiameterKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

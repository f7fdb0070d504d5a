import type { Coordinates } from '#app/domain/geo';

/**
 * The maps drawn as inline SVG with no JavaScript (a pole's page, the lists' overview before the
 * interactive map): metropolitan France (Corsica included) in an equirectangular projection whose
 * longitudes are shrunk by the cosine of the middle latitude, so the country keeps its shape.
 * Overseas poles are not drawn on it: their page says where they are and links to OpenStreetMap,
 * the lists name them under the map. The interactive map (Leaflet) opens on the same frame.
 */

export const locatorFrame = { south: 41.3, north: 51.1, west: -5.2, east: 9.6 } as const;

const middleLatitude = ((locatorFrame.south + locatorFrame.north) / 2) * (Math.PI / 180);
const shrink = Math.cos(middleLatitude);
/** SVG units per degree of latitude. */
const scale = 100;

export const locatorSize = {
  width: Math.round((locatorFrame.east - locatorFrame.west) * shrink * scale),
  height: Math.round((locatorFrame.north - locatorFrame.south) * scale),
};

export function inLocatorFrame(place: Coordinates): boolean {
  const { south, north, west, east } = locatorFrame;
  return place.latitude >= south && place.latitude <= north && place.longitude >= west && place.longitude <= east;
}

/** The point of the SVG (in `locatorSize` units, y downwards), rounded to a unit. */
export function project(place: Coordinates): { x: number; y: number } {
  return {
    x: Math.round((place.longitude - locatorFrame.west) * shrink * scale),
    y: Math.round((locatorFrame.north - place.latitude) * scale),
  };
}

/** A place on OpenStreetMap's own site, at a town's zoom. */
export function openStreetMapUrl(place: Coordinates): string {
  const latitude = place.latitude.toFixed(4);
  const longitude = place.longitude.toFixed(4);
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=11/${latitude}/${longitude}`;
}

/**
 * A rough outline of metropolitan France and Corsica (longitude, latitude), enough to place a dot
 * at a glance; the accessible name of the map says the town and region in words.
 */
const mainland: ReadonlyArray<readonly [number, number]> = [
  [2.37, 51.05],
  [3.1, 50.78],
  [3.97, 50.33],
  [4.83, 50.15],
  [5.8, 49.55],
  [6.36, 49.46],
  [6.9, 49.2],
  [8.2, 48.97],
  [7.8, 48.5],
  [7.55, 47.6],
  [7.0, 47.47],
  [6.45, 46.95],
  [6.1, 46.4],
  [6.8, 46.1],
  [7.0, 45.5],
  [6.65, 45.1],
  [7.0, 44.2],
  [7.53, 43.78],
  [7.0, 43.55],
  [6.2, 43.1],
  [5.35, 43.25],
  [4.8, 43.4],
  [4.1, 43.55],
  [3.3, 43.25],
  [3.05, 42.8],
  [3.17, 42.43],
  [2.0, 42.4],
  [1.45, 42.6],
  [0.7, 42.85],
  [-0.3, 42.8],
  [-1.0, 43.05],
  [-1.78, 43.37],
  [-1.45, 43.6],
  [-1.25, 44.6],
  [-1.1, 45.5],
  [-1.2, 46.15],
  [-2.0, 46.8],
  [-2.2, 47.25],
  [-3.0, 47.55],
  [-4.35, 47.8],
  [-4.78, 48.33],
  [-4.6, 48.65],
  [-3.5, 48.85],
  [-2.0, 48.65],
  [-1.55, 48.65],
  [-1.6, 49.2],
  [-1.94, 49.72],
  [-1.25, 49.68],
  [-1.1, 49.35],
  [0.1, 49.45],
  [0.2, 49.7],
  [1.1, 49.93],
  [1.6, 50.2],
  [1.6, 50.75],
  [1.85, 50.95],
];
const corsica: ReadonlyArray<readonly [number, number]> = [
  [9.35, 43.0],
  [9.5, 42.6],
  [9.4, 41.9],
  [9.2, 41.38],
  [8.8, 41.6],
  [8.6, 41.95],
  [8.6, 42.35],
  [9.0, 42.65],
  [9.3, 42.7],
];

function pathOf(points: ReadonlyArray<readonly [number, number]>): string {
  return `${points
    .map(([longitude, latitude], index) => {
      const { x, y } = project({ latitude, longitude });
      return `${index === 0 ? 'M' : 'L'}${x} ${y}`;
    })
    .join(' ')} Z`;
}

/** The outline as an SVG path (`d`), computed once. */
export const franceOutline = `${pathOf(mainland)} ${pathOf(corsica)}`;

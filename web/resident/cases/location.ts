/**
 * Where the problem is, as the report form holds it. Three ways to say it:
 *  gps   the phone's position (converted to GCJ-02), perhaps with a community
 *  home  the resident's own house (the server checks it is theirs)
 *  map   a community and a pin on the county map
 */
export type LocationMode = 'gps' | 'home' | 'map';

export interface LocationValue {
  mode: LocationMode | null;
  lon: number | null;
  lat: number | null;
  /** Metres, as the phone reported it (gps only). */
  accuracy: number | null;
  regionId: number | null;
  address: string;
}

export const emptyLocation = (): LocationValue => ({ mode: null, lon: null, lat: null, accuracy: null, regionId: null, address: '' });

export type LocationError = 'mode' | 'position' | 'outside' | 'pin' | 'region' | null;

/** What is missing or wrong, for the form to show; null when the place can be sent. */
export function locationProblem(
  v: LocationValue,
  inside: (lon: number, lat: number) => boolean,
  opts: { regionRequired: boolean },
): LocationError {
  if (!v.mode) return 'mode';
  if (v.mode === 'home') return null;
  if (v.lon === null || v.lat === null) return v.mode === 'gps' ? 'position' : 'pin';
  if (!inside(v.lon, v.lat)) return 'outside';
  if (v.mode === 'map' && opts.regionRequired && v.regionId === null) return 'region';
  return null;
}

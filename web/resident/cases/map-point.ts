/** A point shown on the county map (a public case on 身边的事), in GCJ-02: the shared map's marker. */
export type { MapMarker as MapPoint } from '@lib/map/map-data';

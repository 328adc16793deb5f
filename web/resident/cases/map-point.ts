/** A point shown on the county map (a public case on 身边的事), in GCJ-02. */
export interface MapPoint {
  id: number;
  lon: number;
  lat: number;
  name: string;
  colour?: string;
}

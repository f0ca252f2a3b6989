// A zone being drawn: its corners in order, and whether the area has been closed.
export type Corner = [number, number]; // [longitude, latitude]

export interface Sketch {
  corners: Corner[];
  closed: boolean;
}

export const EMPTY_SKETCH: Sketch = { corners: [], closed: false };

/** The drawn area as the API takes it: one ring, closed by repeating the first corner. */
export function sketchPolygon({ corners }: Sketch): { type: 'Polygon'; coordinates: number[][][] } {
  const first = corners[0];
  return { type: 'Polygon', coordinates: [first ? [...corners, first] : []] };
}

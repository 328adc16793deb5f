import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../../common/coordinates.js';
import { AppError } from '../errors.js';
import { readBoundaryFile } from './boundary-file.js';

/**
 * Boundary files as counties hand them over: GeoJSON, and an ESRI Shapefile (.shp geometry with
 * its .dbf attributes, here GBK-encoded as Chinese GIS software writes them) written byte by
 * byte from the published format, read by the `shapefile` package.
 */
const SQUARE: [number, number][] = [
  [116.4, 36.2],
  [116.4, 36.3],
  [116.5, 36.3],
  [116.5, 36.2],
  [116.4, 36.2],
];

function shp(ring: [number, number][]): Uint8Array {
  const content = 44 + 4 + ring.length * 16; // type, box, parts, points; one part
  const buf = Buffer.alloc(100 + 8 + content);
  const xs = ring.map((p) => p[0]),
    ys = ring.map((p) => p[1]);
  const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  buf.writeInt32BE(9994, 0);
  buf.writeInt32BE(buf.length / 2, 24);
  buf.writeInt32LE(1000, 28);
  buf.writeInt32LE(5, 32); // polygon
  box.forEach((v, i) => buf.writeDoubleLE(v, 36 + i * 8));
  buf.writeInt32BE(1, 100);
  buf.writeInt32BE(content / 2, 104);
  buf.writeInt32LE(5, 108);
  box.forEach((v, i) => buf.writeDoubleLE(v, 112 + i * 8));
  buf.writeInt32LE(1, 144);
  buf.writeInt32LE(ring.length, 148);
  buf.writeInt32LE(0, 152);
  ring.forEach(([x, y], i) => {
    buf.writeDoubleLE(x, 156 + i * 16);
    buf.writeDoubleLE(y, 164 + i * 16);
  });
  return buf;
}

/** A one-record .dbf with character fields, values as GBK bytes. */
function dbf(fields: Record<string, string>): Uint8Array {
  const encoded = Object.entries(fields).map(([name, value]) => ({ name, bytes: toGbk(value) ?? Buffer.from(value, 'latin1') }));
  const length = (f: { bytes: Buffer }) => Math.max(f.bytes.length, 1);
  const headerLength = 32 + 32 * encoded.length + 1;
  const recordLength = 1 + encoded.reduce((s, f) => s + length(f), 0);
  const buf = Buffer.alloc(headerLength + recordLength + 1, 0x20);
  buf.fill(0, 0, headerLength);
  buf.writeUInt8(0x03, 0);
  buf.writeUInt32LE(1, 4);
  buf.writeUInt16LE(headerLength, 8);
  buf.writeUInt16LE(recordLength, 10);
  encoded.forEach((f, i) => {
    buf.write(f.name, 32 + i * 32, 'latin1');
    buf.write('C', 32 + i * 32 + 11, 'latin1');
    buf.writeUInt8(length(f), 32 + i * 32 + 16);
  });
  buf.writeUInt8(0x0d, headerLength - 1);
  let at = headerLength + 1;
  for (const f of encoded) {
    f.bytes.copy(buf, at);
    at += length(f);
  }
  buf.writeUInt8(0x1a, buf.length - 1);
  return buf;
}

// The GBK bytes of the names used here (Node's TextEncoder writes UTF-8 only).
const GBK: Record<string, number[]> = { 锦源社区: [0xbd, 0xf5, 0xd4, 0xb4, 0xc9, 0xe7, 0xc7, 0xf8] };
const toGbk = (s: string) => (GBK[s] ? Buffer.from(GBK[s]) : null);

describe('readBoundaryFile', () => {
  it('reads a Shapefile with GBK attributes, its code and name, and moves CGCS2000 to GCJ-02', async () => {
    const [feature] = await readBoundaryFile(
      { name: '社区边界.shp', bytes: shp(SQUARE), dbf: dbf({ XZQDM: 'L370124001001', XZQMC: '锦源社区' }) },
      'cgcs2000',
      'gbk',
    );
    expect(feature.code).toBe('L370124001001');
    expect(feature.name).toBe('锦源社区');
    const corner = wgs84ToGcj02({ lon: 116.4, lat: 36.2 });
    const ring = feature.area![0][0];
    expect(ring).toHaveLength(5);
    expect(ring[0][0]).toBeCloseTo(corner.lon, 9);
    expect(ring[0][1]).toBeCloseTo(corner.lat, 9);
  });

  it('reads GeoJSON features, with or without an area, by the names Chinese data uses', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { adcode: 370124001000, name: '榆山街道' }, geometry: { type: 'Polygon', coordinates: [SQUARE] } },
        { type: 'Feature', properties: { 名称: '锦东社区' }, geometry: { type: 'Point', coordinates: [116.45, 36.25] } },
      ],
    };
    const features = await readBoundaryFile({ name: 'a.geojson', bytes: new TextEncoder().encode(JSON.stringify(geojson)) }, 'gcj02');
    expect(features.map((f) => [f.code, f.name, f.area === null])).toEqual([
      ['370124001000', '榆山街道', false],
      [null, '锦东社区', true],
    ]);
    expect(features[0].area![0][0][0]).toEqual([116.4, 36.2]);
  });

  it('refuses what it cannot read with a clear reason, not a crash', async () => {
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: AppError) => [e.code, e.message],
      );
    expect(await refusal(readBoundaryFile({ name: 'a.geojson', bytes: new TextEncoder().encode('{') }, 'gcj02'))).toEqual([
      'BOUNDARY_FILE',
      'GeoJSON 文件无法解析',
    ]);
    expect(await refusal(readBoundaryFile({ name: 'a.shp', bytes: shp(SQUARE) }, 'gcj02'))).toEqual([
      'BOUNDARY_FILE',
      'Shapefile 须同时提供同名的 .dbf 属性文件',
    ]);
    expect((await refusal(readBoundaryFile({ name: 'a.kml', bytes: new Uint8Array() }, 'gcj02')))![0]).toBe('BOUNDARY_FILE');
  });
});

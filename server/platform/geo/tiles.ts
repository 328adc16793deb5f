import type { Config } from '../config.js';
import type { MapConfig } from '../../../common/contracts/map.js';

/**
 * The base map the clients draw under the platform's own layers, from configuration, never
 * hard-wired. 天地图 (the national map service) serves Web-Mercator WMTS tiles in CGCS2000 with a
 * key (tk) in every URL: streets (vec_w) and their labels (cva_w), from t0–t7. Any other XYZ
 * source is one URL template and the system its tiles are drawn in (AMap's are GCJ-02, OSM's
 * WGS-84). The key goes to the browser as every 天地图 web map sends it; a 天地图 key is bound to
 * the site's domain in the 天地图 console, which is what keeps it from use elsewhere.
 */
const TIANDITU = (layer: 'vec' | 'cva', key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default` +
  `&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`;

export function tileSource(map: Config['map']): MapConfig {
  if (map.tiandituKey)
    return {
      tiles: {
        kind: 'tianditu',
        layers: [TIANDITU('vec', map.tiandituKey), TIANDITU('cva', map.tiandituKey)],
        subdomains: '01234567',
        crs: 'cgcs2000',
        attribution: '© 天地图 国家地理信息公共服务平台',
      },
    };
  if (map.tileUrl)
    return { tiles: { kind: 'xyz', layers: [map.tileUrl], subdomains: 'abc', crs: map.tileCrs, attribution: map.tileAttribution } };
  return { tiles: { kind: 'none' } };
}

/** Origins the pages must be allowed to load pictures from (the Content-Security-Policy's img-src). */
export function tileOrigins(map: Config['map']): string[] {
  const source = tileSource(map).tiles;
  if (source.kind === 'none') return [];
  return [...new Set(source.layers.flatMap((url) => [...source.subdomains].map((s) => new URL(url.replaceAll('{s}', s)).origin)))];
}

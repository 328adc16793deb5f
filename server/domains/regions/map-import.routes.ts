import { MAP_FILE_MB, mapImportFields, mapImportReport } from '../../../common/contracts/map.js';
import { AppError, invalid } from '../../platform/errors.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import type { NamedBytes } from '../../platform/geo/map-files.js';
import { importMapLayer } from './map-import.service.js';

/**
 * 地图数据 in the admin: the county administrator uploads the official boundaries or the road
 * layer and the running server imports them as `civicgrid geo` does (map-import.service.ts), so
 * an import never writes to a database another process holds. Multipart: the fields first
 * (kind, crs, encoding: mapImportFields), then the files of one layer.
 */
const MB = 1024 * 1024;
/** A Shapefile with its .dbf, .cpg, .prj and .shx. */
const MAX_FILES = 5;

export async function mapImportRoutes(app: App) {
  typed(app).post(
    '/api/map/imports',
    guarded('map.manage', {
      tags: ['map'],
      summary: '导入行政区划边界或道路（multipart: kind、crs、encoding 字段，再是 GeoJSON 或 .shp/.dbf 文件），返回导入报告',
      consumes: ['multipart/form-data'],
      response: { 200: mapImportReport },
    }),
    async (request) => {
      if (!request.isMultipart()) throw invalid('FILE_REQUIRED', '请以 multipart/form-data 上传地图文件');
      const fields: Record<string, unknown> = {};
      const files: NamedBytes[] = [];
      try {
        for await (const part of request.parts({ limits: { files: MAX_FILES, fileSize: MAP_FILE_MB * MB } }))
          if (part.type === 'file') files.push({ name: part.filename, bytes: await part.toBuffer() });
          else fields[part.fieldname] = part.value;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'MAP_FILE_TOO_LARGE', `每个文件不能超过 ${MAP_FILE_MB} MB`);
        if (code === 'FST_FILES_LIMIT') throw invalid('MAP_FILES', `一次最多上传 ${MAX_FILES} 个文件（.shp、.dbf、.shx、.cpg、.prj）`);
        throw e;
      }
      const parsed = mapImportFields.safeParse(fields);
      if (!parsed.success) throw invalid('VALIDATION', parsed.error.issues[0].message);
      return importMapLayer(app.db, { ...parsed.data, files }, viewerOf(request));
    },
  );
}

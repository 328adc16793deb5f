import type { Permission } from '@common/permissions';
import type { MapImportFields, MapImportReport } from '@common/contracts/map';
import { sendWithProgress } from '@lib/send-with-progress';

/** 地图数据 is the county administrator's, as `civicgrid geo` is (server: regions/map-import.routes.ts). */
export const MANAGE_MAP: Permission[] = ['map.manage'];

/** POST /api/map/imports: the fields first, then the files of one layer, with the upload's progress. */
export function importMapData(fields: MapImportFields, files: File[], onProgress: (fraction: number) => void) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append('file', file, file.name);
  return sendWithProgress<MapImportReport>('/api/map/imports', form, { failure: '地图数据导入失败', onProgress });
}

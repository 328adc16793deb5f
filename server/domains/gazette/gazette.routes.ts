import { gazetteImportBody, gazetteImportReport, GAZETTE_TEXT_LIMIT } from '../../../common/contracts/gazette.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { importGazette } from './gazette-import.js';

/**
 * 导入公报 in the admin: the running server imports the text itself, so an import never writes to
 * a database another process holds (the CLI takes the data-directory lock instead).
 */
export async function gazetteRoutes(app: App) {
  typed(app).post(
    '/api/gazette/imports',
    {
      ...guarded('documents.manage', {
        tags: ['gazette'],
        summary: '导入县政府公报（文件、任务、提案答复、领导分工），返回导入报告',
        body: gazetteImportBody,
        response: { 200: gazetteImportReport },
      }),
      // The text, JSON-escaped, may be a little larger than the file.
      bodyLimit: GAZETTE_TEXT_LIMIT * 2,
    },
    async (request) => importGazette(app.db, request.body.text, { source: request.body.fileName, actor: viewerOf(request) }),
  );
}

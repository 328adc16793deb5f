import { sendWithProgress } from '@lib/send-with-progress';
import type { GazetteImportBody, GazetteImportReport } from '@common/contracts/gazette';

/** 导入公报: POST /api/gazette/imports, with the upload's progress. */
export function importGazette(body: GazetteImportBody, onProgress: (fraction: number) => void) {
  return sendWithProgress<GazetteImportReport>('/api/gazette/imports', JSON.stringify(body), {
    contentType: 'application/json',
    failure: '公报导入失败',
    onProgress,
  });
}

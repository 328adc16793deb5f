import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestApp } from '../../test/app.js';
import { claimJob } from './import-jobs.repository.js';
import { runImportJob } from './import-worker.js';
import { REASON_HEADER } from './rejected-rows.js';

/**
 * An import as the import tests run it: uploaded as a user, run to its end by the worker, and
 * its report read back; the reasons of its rejected rows as the downloadable workbook gives them.
 * Not used by the server.
 */
export async function importAs(t: TestApp, as: { cookie: string }, kind: string, file: Buffer) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([new Uint8Array(file)]), `${kind}.xlsx`);
  const upload = await t.app.inject({ method: 'POST', url: '/api/imports', headers: as, payload: form });
  expect(upload.statusCode, upload.body).toBe(202);
  for (let job = await claimJob(t.db, 0); job; job = await claimJob(t.db, 0)) await runImportJob(t.db, job);
  return (await t.app.inject({ url: `/api/imports/${upload.json().id}`, headers: as })).json();
}

export async function rejectedReasonsOf(t: TestApp, as: { cookie: string }, jobId: number) {
  const res = await t.app.inject({ url: `/api/imports/${jobId}/rejected.xlsx`, headers: as });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const reasons: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) reasons.push(String(row.getCell(header.indexOf(REASON_HEADER) + 1).value));
  });
  return reasons;
}

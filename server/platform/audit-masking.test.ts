import { describe, expect, it } from 'vitest';
import { maskAuditDetail, maskAuditText } from './audit-masking.js';

describe('maskAuditDetail', () => {
  it('masks ID and mobile numbers by pattern wherever they are, keeping what the masked forms show', () => {
    const detail = {
      rows: 12,
      filter: { q: '37012419800101123X', path: '/1/2/', tag: undefined },
      note: '电话 13912349001，身份证 370124198001011234；座机 0531-87881234',
      phones: ['+86 139 1234 9001', 13912349001],
      nested: [{ search: '139-1234-9001' }],
      when: '2026-11-30T10:00:00.000Z',
    };
    expect(maskAuditDetail(detail)).toEqual({
      rows: 12,
      filter: { q: '370124********123X', path: '/1/2/', tag: undefined },
      note: '电话 139****9001，身份证 370124********1234；座机 0531-87881234',
      phones: ['139****9001', '139****9001'],
      nested: [{ search: '139****9001' }],
      when: '2026-11-30T10:00:00.000Z',
    });
  });

  it('masks the long tails of ID numbers that resident search also takes, and first-generation 15-digit IDs', () => {
    expect(maskAuditText('980010112345')).toBe('********2345');
    expect(maskAuditText('370124800101123')).toBe('***********1123');
    expect(maskAuditText('1234')).toBe('1234'); // the last four are what masked forms show anyway
    expect(maskAuditText('第 2023 号')).toBe('第 2023 号');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { copyText } from './copy-text';

describe('copyText', () => {
  it('uses the Clipboard API where there is one', async () => {
    const writeText = vi.fn(async () => {});
    const fallback = vi.fn(() => true);
    expect(await copyText('PY20261205000001', { clipboard: { writeText }, fallback })).toBe(true);
    expect(writeText).toHaveBeenCalledWith('PY20261205000001');
    expect(fallback).not.toHaveBeenCalled();
  });

  it('falls back to the old way when the Clipboard API refuses', async () => {
    const fallback = vi.fn(() => true);
    const clipboard = { writeText: vi.fn(async () => Promise.reject(new DOMException('denied', 'NotAllowedError'))) };
    expect(await copyText('PY1', { clipboard, fallback })).toBe(true);
    expect(fallback).toHaveBeenCalledWith('PY1');
  });

  it('uses the old way without a Clipboard API (plain http), and says when nothing worked', async () => {
    expect(await copyText('PY1', { clipboard: undefined, fallback: () => true })).toBe(true);
    expect(await copyText('PY1', { clipboard: undefined, fallback: () => false })).toBe(false);
    expect(
      await copyText('PY1', {
        clipboard: undefined,
        fallback: () => {
          throw new Error('no document');
        },
      }),
    ).toBe(false);
  });
});

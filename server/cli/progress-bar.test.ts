import { describe, expect, it } from 'vitest';
import { progressOutput, type ProgressStream } from './progress-bar.js';

function fakeStream(isTTY: boolean): ProgressStream & { text: string } {
  return {
    isTTY,
    columns: 80,
    text: '',
    write(chunk: string) {
      this.text += chunk;
    },
  };
}

/** 90 communities of 67 residents, as the demo county writes them. */
function ninetyCommunities(out: ReturnType<typeof progressOutput>) {
  out.line('区域：120 个');
  for (let i = 1; i <= 90; i++) out.count('生成居民', Math.min(6000, i * 67), 6000);
  out.line('完成');
}

describe('progressOutput', () => {
  it('without a terminal, reports a counted stage at each quarter only', () => {
    const stream = fakeStream(false);
    ninetyCommunities(progressOutput(stream, '[civicgrid] '));
    expect(stream.text.split('\n').filter(Boolean)).toEqual([
      '[civicgrid] 区域：120 个',
      '[civicgrid] 生成居民 1,541/6,000（25%）',
      '[civicgrid] 生成居民 3,015/6,000（50%）',
      '[civicgrid] 生成居民 4,556/6,000（75%）',
      '[civicgrid] 生成居民 6,000/6,000（100%）',
      '[civicgrid] 完成',
    ]);
  });

  it('on a terminal, redraws one bar in place and keeps the lines above it', () => {
    const stream = fakeStream(true);
    ninetyCommunities(progressOutput(stream));
    const lines = stream.text.split('\n');
    expect(lines).toHaveLength(4); // the first line, the finished bar, the last line, and the end
    expect(lines[0]).toBe('区域：120 个');
    // Every redraw but the first clears the line it draws over.
    expect(lines[1].split('\r\x1b[2K')).toHaveLength(90);
    expect(lines[1].split('\r\x1b[2K').at(-1)).toBe(`生成居民 [${'█'.repeat(24)}] 100% 6,000/6,000`);
    expect(lines[2]).toBe('完成');
  });

  it('moves a line written mid-stage above the bar', () => {
    const stream = fakeStream(true);
    const out = progressOutput(stream);
    out.count('生成居民', 3000, 6000);
    out.line('更新统计信息');
    expect(stream.text).toBe(`生成居民 [${'█'.repeat(12)}${'░'.repeat(12)}] 50% 3,000/6,000\r\x1b[2K更新统计信息\n`);
  });
});

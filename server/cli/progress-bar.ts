/**
 * What a long command prints while it works: one bar redrawn in place on a terminal, or a
 * handful of lines when the output is a file or a CI log (where a redrawn bar would be dozens
 * of lines of carriage returns). Lines written in between go above the bar.
 */
export interface ProgressOutput {
  /** A line worth keeping (a summary, a stage). */
  line(text: string): void;
  /** How far a counted stage is; `label` names it ('生成居民'). */
  count(label: string, done: number, total: number): void;
}

/** The part of a stream this needs: process.stdout, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;
// Without a terminal, a counted stage is reported at each quarter: enough to see it moving.
const LOG_STEPS = 4;
const numbers = new Intl.NumberFormat('zh-CN');

export function progressOutput(stream: ProgressStream = process.stdout, prefix = ''): ProgressOutput {
  return stream.isTTY ? terminalBar(stream, prefix) : loggedSteps(stream, prefix);
}

function terminalBar(stream: ProgressStream, prefix: string): ProgressOutput {
  let drawn = false;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    line(text) {
      clear();
      stream.write(`${prefix}${text}\n`);
    },
    count(label, done, total) {
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      const text = `${prefix}${label} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}% ${numbers.format(done)}/${numbers.format(total)}`;
      clear();
      // Cut to the terminal's width: a wrapped bar cannot be redrawn in place.
      stream.write(stream.columns ? text.slice(0, stream.columns - 1) : text);
      drawn = true;
      if (done >= total) {
        stream.write('\n');
        drawn = false;
      }
    },
  };
}

function loggedSteps(stream: ProgressStream, prefix: string): ProgressOutput {
  const reached = new Map<string, number>();
  return {
    line: (text) => stream.write(`${prefix}${text}\n`),
    count(label, done, total) {
      const step = total > 0 ? Math.floor((Math.min(done, total) / total) * LOG_STEPS) : LOG_STEPS;
      if (step <= (reached.get(label) ?? 0)) return;
      reached.set(label, step);
      stream.write(`${prefix}${label} ${numbers.format(done)}/${numbers.format(total)}（${Math.floor((done / total) * 100)}%）\n`);
    },
  };
}

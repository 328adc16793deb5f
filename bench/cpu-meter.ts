import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds spent by groups of processes, read from /proc (Linux): what each part of a run cost
 * on the machine's shared cores, whatever else was running. Throughput on two cores shared with
 * other work moves with their load; CPU time per reading moves far less, so it tells whether a
 * change made ingest cheaper (decision 040).
 */
export type ProcessGroups = Record<string, (commandLine: string, pid: number) => boolean>;

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux kernel Node runs on

export function cpuSnapshot(groups: ProcessGroups): Map<number, { group: string; seconds: number }> {
  const snapshot = new Map<number, { group: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const group = Object.keys(groups).find((name) => groups[name](commandLine, Number(entry)));
      if (!group) continue;
      // Fields after the command name in parentheses: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      snapshot.set(Number(entry), { group, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return snapshot;
}

/**
 * Seconds per group between two snapshots. A process of the second that the first lacks started
 * in between, and counts whole; one that ended in between is lost, so the groups should be
 * processes that live through the interval (the server, the broker, the database's connections).
 */
export function cpuBetween(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const spent: Record<string, number> = {};
  for (const [pid, { group, seconds }] of after) spent[group] = (spent[group] ?? 0) + seconds - (before.get(pid)?.seconds ?? 0);
  return spent;
}

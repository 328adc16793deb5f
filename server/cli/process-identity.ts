import { readFileSync } from 'node:fs';

/**
 * Who a process is, beyond its pid. A pid alone names nobody for long: the kernel hands it out
 * again once the process is gone, and after a reboot (or a container restart) the same small
 * pids come back within seconds. Security review, issue 7, finding 13: a lock file that held
 * PID 1 blocked every start, because "some process with this pid is alive" was taken to mean
 * "the process that wrote this is alive".
 *
 * On Linux a process is its pid, its start time (field 22 of /proc/<pid>/stat, clock ticks
 * since boot) and the boot it belongs to (/proc/sys/kernel/random/boot_id). Elsewhere (macOS,
 * Windows) there is no cheap, dependable way to read another process's start time without
 * spawning `ps` or WMI, so only "is this pid alive" is known there: a recycled pid then
 * counts as running, and the lock's message names the file to delete (see data-dir-lock.ts).
 */
export interface ProcessIdentity {
  pid: number;
  /** Linux: start time in clock ticks since boot, as written in /proc; null where unknown. */
  startTicks: string | null;
  /** Linux: the boot this process belongs to; null where unknown. */
  bootId: string | null;
}

export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, startTicks: startTicksOf(process.pid) ?? null, bootId: currentBootId() };
}

/**
 * Whether the process a record describes still runs. "gone" only when that is certain: the pid
 * is free, the machine has rebooted since, or the pid now belongs to a process that started at
 * another time. When nothing can be compared the answer is "running", so a lock is never
 * taken from a process that may hold it.
 */
export function processState(recorded: ProcessIdentity): 'running' | 'gone' {
  const bootId = currentBootId();
  if (recorded.bootId && bootId && recorded.bootId !== bootId) return 'gone'; // rebooted: every pid is new
  const startTicks = startTicksOf(recorded.pid);
  if (startTicks === undefined) return 'gone';
  if (startTicks !== null && recorded.startTicks) return startTicks === recorded.startTicks ? 'running' : 'gone';
  return pidAlive(recorded.pid) ? 'running' : 'gone';
}

/**
 * For records that carry no start time (a lock file written by CivicGrid before this change,
 * which held only a pid): on Linux, whether the live process with this pid is a CivicGrid
 * command at all. PID 1 (init, or a container's entry point) is not, so it no longer blocks.
 * Null where the command line cannot be read.
 */
export function looksLikeCivicGrid(pid: number): boolean | null {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.some((arg) => /civicgrid|server[\\/]main\.ts$/i.test(arg));
  } catch {
    return null;
  }
}

/**
 * Field 22 of /proc/<pid>/stat. The second field (the command name, in parentheses) may hold
 * spaces and parentheses itself, so the fields are counted from the last ')'.
 * undefined: no such process (the /proc entry is missing on a system that has /proc);
 * null: cannot tell (no /proc, or another user's process hidden by hidepid).
 */
function startTicksOf(pid: number): string | null | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' && procAvailable() ? undefined : null;
  }
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field 22 is afterName[19].
  return afterName[19] && /^\d+$/.test(afterName[19]) ? afterName[19] : null;
}

let procChecked: boolean | undefined;
function procAvailable() {
  if (procChecked === undefined) {
    try {
      readFileSync('/proc/self/stat');
      procChecked = true;
    } catch {
      procChecked = false;
    }
  }
  return procChecked;
}

let bootIdRead: string | null | undefined;
function currentBootId() {
  if (bootIdRead === undefined) {
    try {
      bootIdRead = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootIdRead = null;
    }
  }
  return bootIdRead;
}

function pidAlive(pid: number) {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, but another user's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { currentProcess, looksLikeCivicGrid, processState, type ProcessIdentity } from './process-identity.js';

/**
 * The embedded database (PGlite under DATA_DIR/pgdata) is one process's database: a second
 * process opening it corrupts it (security review, issue 7, finding 5: `import gazette` beside
 * a running server left org_units with a duplicated primary key). Whoever opens it first holds
 * DATA_DIR/civicgrid.pid; everyone else is refused with the holder's name.
 *
 * Finding 13 was about the file itself: any live pid in it blocked (PID 1 did, for ever), and
 * it was checked, then written, so two starters could both pass the check. Now:
 *
 * - The file records who holds it: pid, start time and boot (process-identity.ts), the command,
 *   and a random nonce so that no two lock files ever have the same text.
 * - It is created exclusively, complete: the text goes into a temp file that is then hard-
 *   linked to the lock's name. link() fails with EEXIST if the name exists, exactly like
 *   open(…, 'wx'), and the lock file never exists half written. (Where the file system has no
 *   hard links we fall back to open 'wx' and treat a very young unreadable file as "being
 *   written".)
 * - A stale file (its process gone, or its pid reused by another process) is cleared, and
 *   everyone races again on the exclusive create, which exactly one wins. Clearing is the
 *   delicate step: see clearStaleLock.
 * - Release deletes the file only if it still holds our text.
 */
export const LOCK_FILE_NAME = 'civicgrid.pid';

/** What the lock says about the command that takes it, and to the one it blocks. */
export interface LockingCommand {
  /** As typed after `civicgrid`: 'start', 'user create', … */
  name: string;
  /** What to do instead, when blocked, besides stopping the holder. */
  whenBlocked?: string;
}

export interface DataDirLock {
  readonly file: string;
  /** Deletes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

interface LockRecord extends ProcessIdentity {
  command: string | null;
  since: string | null;
  /** Written by CivicGrid before finding 13 was fixed: a bare pid. */
  legacy?: boolean;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: LockRecord,
    blocked: LockingCommand,
  ) {
    super(lockedMessage(dataDir, lockFile, holder, blocked));
    this.name = 'DataDirLockedError';
  }
}

/** Takes the lock on dataDir for this process, or throws DataDirLockedError naming its holder. */
export function lockDataDir(dataDir: string, command: LockingCommand): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const mine = JSON.stringify({
    ...currentProcess(),
    command: command.name,
    since: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  });
  // Retries are for moments only: a file released or cleared between two of our steps, another
  // process clearing the same stale file. A live holder ends the loop at once.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const outcome = tryClaim(file, mine, 0);
    if (outcome.taken) return heldLock(file, mine);
    if (outcome.holder) throw new DataDirLockedError(dataDir, file, outcome.holder, command);
    pause(5 + Math.random() * 20);
  }
  throw new Error(`十秒内未能取得数据目录锁 ${file}：请确认没有其他 CivicGrid 进程正在启动，然后重试`);
}

type Claim = { taken: true } | { taken: false; holder?: LockRecord };

/** One try: the file is now ours; or it is held by a running process; or try again. */
function tryClaim(file: string, mine: string, depth: number): Claim {
  if (createExclusively(file, mine)) return { taken: true };
  const found = readLockFile(file);
  if (!found) return { taken: false }; // released since our try
  const holder = parseRecord(found.text);
  if (!holder) {
    // Young and unreadable: a writer on the 'wx' fallback between its create and its write.
    // (Older than that it is debris, cleared well within lockDataDir's ten seconds.)
    if (Date.now() - found.mtimeMs < 5_000) return { taken: false };
  } else if (holderState(holder, found.text) === 'running') {
    return { taken: false, holder };
  }
  clearStaleLock(file, found.text, mine, depth);
  return { taken: false };
}

/**
 * Deletes `file` if it still holds `staleText`. Two starters that both find the same stale
 * file must not simply delete "the lock file": the slower one would delete the lock the
 * faster one has just created, and both would run. So the deletion happens only while holding
 * a breaker file named after the stale text (itself taken with tryClaim, so one process at a
 * time), and only after reading the lock file again under it. While we hold the breaker
 * nobody else can change that text: its owner is gone, every other remover of it needs our
 * breaker, a running holder deletes only its own text, and an exclusive create cannot replace
 * an existing file. A remover that comes late finds other text and leaves it.
 *
 * A breaker is held for microseconds, but a process killed while holding it leaves it behind;
 * it is then a stale lock file like any other and is cleared the same way (one level deeper).
 */
function clearStaleLock(file: string, staleText: string, mine: string, depth: number) {
  if (depth >= 3) {
    throw new Error(
      `数据目录锁 ${file} 的清理被多次中断：请确认没有 CivicGrid 进程在运行，然后删除 ${path.dirname(file)} 下的 ${LOCK_FILE_NAME}* 文件`,
    );
  }
  const breaker = `${file}.break-${createHash('sha256').update(staleText).digest('hex').slice(0, 16)}`;
  if (!tryClaim(breaker, mine, depth + 1).taken) return; // another process is clearing it now
  try {
    if (readLockFile(file)?.text === staleText) rmSync(file, { force: true });
  } finally {
    if (readLockFile(breaker)?.text === mine) rmSync(breaker, { force: true });
  }
}

/** The texts of the lock files this process holds: a file with our pid and other text is an earlier process's. */
const heldHere = new Set<string>();

function holderState(holder: LockRecord, text: string): 'running' | 'gone' {
  if (holder.pid === process.pid) return heldHere.has(text) ? 'running' : 'gone';
  if (processState(holder) === 'gone') return 'gone';
  // A bare pid has no start time to check; on Linux a live process that is no CivicGrid
  // command (PID 1, say) did not write it.
  if (holder.legacy && looksLikeCivicGrid(holder.pid) === false) return 'gone';
  return 'running';
}

function heldLock(file: string, mine: string): DataDirLock {
  let released = false;
  // A command that fails and exits frees the directory on its way out. (A process killed
  // outright leaves the file; the next taker finds its process gone and clears it.)
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(mine);
    process.off('exit', release);
    // Ours only: if it is not, a process took it over believing us gone, and it is theirs now.
    try {
      if (readLockFile(file)?.text === mine) rmSync(file, { force: true });
    } catch {
      // Unreadable now (permissions changed under us): leave it; the next taker finds us gone.
    }
  };
  heldHere.add(mine);
  process.on('exit', release);
  return { file, release };
}

/** Creates `file` holding `text`, complete, if no such file exists; false if one does. */
function createExclusively(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, text, { flag: 'wx' });
  try {
    linkSync(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    return createWithOpenWx(file, text); // a file system without hard links (FAT, some network mounts)
  } finally {
    rmSync(temp, { force: true });
  }
}

function createWithOpenWx(file: string, text: string) {
  try {
    writeFileSync(file, text, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function readLockFile(file: string): { text: string; mtimeMs: number } | null {
  try {
    return { text: readFileSync(file, 'utf8'), mtimeMs: statSync(file).mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function parseRecord(text: string): LockRecord | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), startTicks: null, bootId: null, command: null, since: null, legacy: true };
  try {
    const r = JSON.parse(trimmed) as Partial<LockRecord>;
    if (!Number.isSafeInteger(r.pid)) return null;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return { pid: r.pid!, startTicks: text(r.startTicks), bootId: text(r.bootId), command: text(r.command), since: text(r.since) };
  } catch {
    return null;
  }
}

function lockedMessage(dataDir: string, lockFile: string, holder: LockRecord, blocked: LockingCommand) {
  const who = [
    holder.command ? `civicgrid ${holder.command}` : null,
    holder.since ? `${new Date(holder.since).toLocaleString('zh-CN', { hour12: false })} 起` : null,
  ]
    .filter(Boolean)
    .join('，');
  const lines = [
    `数据目录 ${dataDir} 正被另一个 CivicGrid 进程使用：进程 ${holder.pid}${who ? `（${who}）` : ''}。`,
    `内嵌数据库（PGlite）同一时间只能由一个进程打开，本次 civicgrid ${blocked.name} 未做任何修改。`,
    `请先停止该进程（在它的终端按 Ctrl+C，或执行 kill ${holder.pid}）后重试${blocked.whenBlocked ? `；${blocked.whenBlocked}` : ''}。`,
  ];
  // Without a start time (not Linux, or an old lock file) a reused pid cannot be told apart.
  if (!holder.startTicks) lines.push(`若确认进程 ${holder.pid} 不是 CivicGrid，可删除锁文件 ${lockFile} 后重试。`);
  return lines.join('\n');
}

function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

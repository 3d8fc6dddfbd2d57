// The SQLite store holds token hashes and every incident: its folder is 0700 and its files 0600, whatever the umask.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename } from 'node:path';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Makes the folder (0700) and an empty database file (0600) before SQLite opens it: SQLite gives the WAL and shm files
 * it creates later the database file's mode. Existing ones HQ's user owns are tightened; others only get a warning.
 */
export function prepareSqliteFiles(dataDir: string, file: string, warn: (line: string) => void): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  if (!existsSync(file)) {
    try {
      closeSync(openSync(file, 'wx', FILE_MODE)); // an empty file is a new SQLite database
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it just now
    }
  }
  // A folder holding anything but HQ's own files (someone's home, a shared folder) is not HQ's to re-mode: warn only.
  const own = basename(file);
  if (readdirSync(dataDir).every((name) => name.startsWith(own))) tighten(dataDir, DIR_MODE, warn);
  else if ((statSync(dataDir).mode & 0o077) !== 0) warn(`${dataDir} holds other files and is readable by other users (mode ${octal(statSync(dataDir).mode)}); HQ left it as it is. Give HQ a folder of its own, or: chmod 0700 "${dataDir}"`);
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) tighten(path, FILE_MODE, warn);
}

function tighten(path: string, wanted: number, warn: (line: string) => void): void {
  const stat = statSync(path);
  if ((stat.mode & 0o777 & ~wanted) === 0) return;
  const ownUid = process.getuid?.();
  if (ownUid !== undefined && stat.uid !== ownUid) {
    warn(`${path} is readable by other users (mode ${octal(stat.mode)}) and belongs to another user; make it ${octal(wanted)}: chmod ${octal(wanted)} "${path}"`);
    return;
  }
  chmodSync(path, wanted);
  warn(`${path} was readable by other users (mode ${octal(stat.mode)}); now ${octal(wanted)}.`);
}

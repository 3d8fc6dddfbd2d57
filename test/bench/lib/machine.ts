// Describes the machine a benchmark ran on (OS, CPU, memory, Node, Chromium, date) for RESULTS.md.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { promisify } from 'node:util';

export interface MachineInfo {
  OS: string;
  Kernel: string;
  CPU: string;
  Cores: string;
  Memory: string;
  Node: string;
  Chromium: string;
  Date: string;
}

async function osName(): Promise<string> {
  try {
    const text = await readFile('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? type();
  } catch {
    return type();
  }
}

/** "Chromium 156.0.8078.108 built on Debian …" from `chromium --version` (its wrapper may also print noise to stderr). */
async function chromiumVersion(executable: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(executable, ['--version'], { timeout: 15_000 });
    return stdout.trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function collectMachineInfo(chromiumExecutable: string, now = new Date()): Promise<MachineInfo> {
  return {
    OS: await osName(),
    Kernel: `${type()} ${release()}`,
    CPU: cpus()[0]?.model.trim() ?? 'unknown',
    Cores: String(availableParallelism()),
    Memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    Node: process.version,
    Chromium: await chromiumVersion(chromiumExecutable),
    Date: now.toISOString(),
  };
}

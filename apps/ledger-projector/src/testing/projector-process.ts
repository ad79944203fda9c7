import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { compiledModulePath } from '@ledger/event-sourcing/runtime/compiled-module';

export interface LogLine {
  msg: string;
  projection?: string;
  epoch?: number;
  reason?: string;
  position?: string;
  port?: number;
  /** When this process received the line (Date.now()). */
  at: number;
}

/** A projector child process (the sample projection), its JSON log lines collected as they come. */
export class ProjectorProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;
  private readonly waiters = new Set<() => void>();
  private stderr = '';

  constructor(
    readonly name: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [compiledModulePath(__dirname, 'sample-projector')], {
      env: { ...process.env, ...env, LEDGER_PROJECTOR_ID: name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        this.lines.push({ ...(JSON.parse(line) as Omit<LogLine, 'at'>), at: Date.now() });
      }
      for (const wake of this.waiters) wake();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid as number;
  }

  count(msg: string): number {
    return this.lines.filter((line) => line.msg === msg).length;
  }

  /** The first line (from `from` on) that `match` accepts; fails after `timeoutMs` or when the process dies. */
  async waitFor(match: (line: LogLine) => boolean, timeoutMs = 30_000, from = 0): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find(match);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(
          `${this.name} exited (${this.child.exitCode ?? this.child.signalCode}): ${this.stderr}`,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${this.name}: no such line in ${timeoutMs} ms; last lines: ${JSON.stringify(this.lines.slice(-5))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
      });
    }
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '@ledger/event-sourcing';
import { TokenService } from '@ledger/security';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { createLedgerApp } from '../../apps/ledger-api/src/create-app';

/** A real ledger app on temporary SQLite files, driven over HTTP with supertest. */
export class LedgerTestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly dataDir: string,
    readonly bootstrapToken: string,
    /** Every log line the app wrote, for tests that prove what never reaches the logs. */
    readonly logLines: string[],
  ) {}

  static async start(env: Record<string, string> = {}): Promise<LedgerTestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
    const logLines: string[] = [];
    const { app, bootstrapToken } = await createLedgerApp(loadConfig({ LEDGER_DATA_DIR: dataDir, ...env }), {
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    return new LedgerTestApp(app, dataDir, bootstrapToken!, logLines);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  post(path: string, token: string, body: unknown = {}) {
    return this.http
      .post(path)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  }

  get(path: string, token: string, workReason = 'e2e check') {
    return this.http.get(path).set('Authorization', `Bearer ${token}`).set('X-Work-Reason', workReason);
  }

  tokenFor(accountId: string, ttlSeconds?: number): Promise<string> {
    return this.app.get(TokenService).issue(accountId, ttlSeconds);
  }

  verify() {
    return this.app.get(EventStore).verify();
  }

  /** The access log's events (RecordAccessed, AccessDenied), in order. */
  async accessEvents() {
    return this.app.get(EventStore).readAll({ filter: { categories: ['access'] } });
  }

  /**
   * The position of the newest event that is not an activity record (the access log, an account's daily
   * AccountActive): what a refused command must leave unchanged. Its refusal may itself be recorded in the
   * access log, which is the point of one.
   */
  async headPosition() {
    const events = await this.app.get(EventStore).readAll();
    const activity = (e: { stream: string; type: string }) =>
      e.stream.startsWith('access-') || e.stream === 'ledger-checkpoints' || e.type === 'AccountActive';
    return events.filter((e) => !activity(e)).at(-1)?.position;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.app.get(EventStore).close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

import { join } from 'node:path';
import { Checkpointer, EventStore, KeyDirectory, LedgerAudit } from '@ledger/event-sourcing';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../http/clock';

export interface CheckpointSettings {
  dataDir: string;
  every: number;
  seconds: number;
}

/**
 * The auditor's side of the ledger in this process: the checkpoint key (generated on first start into the
 * data directory), the checkpointer that signs every N events or T seconds, and the audit facade.
 */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly audit: LedgerAudit;
  private readonly checkpointer: Checkpointer;

  constructor(store: EventStore, clock: Clock, settings: CheckpointSettings) {
    const keyring = KeyDirectory.open(join(settings.dataDir, 'checkpoint-keys'), () => clock.now());
    this.checkpointer = new Checkpointer(store, keyring, {
      every: settings.every,
      seconds: settings.seconds,
      clock: () => clock.now(),
    });
    this.audit = new LedgerAudit(store, {
      keyring,
      checkpointer: this.checkpointer,
      checkpointSeconds: settings.seconds,
      clock: () => clock.now(),
    });
  }

  onApplicationBootstrap(): void {
    this.checkpointer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.checkpointer.stop({ finalCheckpoint: false });
  }
}

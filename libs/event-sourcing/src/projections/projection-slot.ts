import type { EventStore, Position } from '../store/event-store';
import type { Generation } from './generations';
import { lagOf, type ProjectionStatus } from './lag';
import type { ProjectionDefinition, ProjectionTables } from './projection';
import type { ProjectionLoop } from './projection-loop';

export interface Rebuild {
  loop: ProjectionLoop;
  done: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
  liveStopped: boolean;
}

/** What the runner holds for one projection. */
export interface Slot {
  definition: ProjectionDefinition<ProjectionTables>;
  /** The generation the views point at; frozen while a changed definition rebuilds. */
  live: Generation;
  liveLoop?: ProjectionLoop;
  rebuild?: Rebuild;
}

export async function slotStatus(
  store: EventStore,
  slot: Slot,
  head: Position | undefined,
  now: Date,
): Promise<ProjectionStatus> {
  const { live, liveLoop, rebuild } = slot;
  const error = liveLoop?.lastError ?? rebuild?.loop.lastError;
  return {
    name: slot.definition.name,
    version: live.version,
    generation: live.generation,
    position: live.position,
    ...(await lagOf(store, live.position, head, now)),
    state: rebuild ? 'rebuilding' : liveLoop ? 'live' : 'stopped',
    lastError: error === undefined ? undefined : String(error),
    rebuild: rebuild && {
      generation: rebuild.loop.generation.generation,
      version: rebuild.loop.generation.version,
      position: rebuild.loop.position,
      eventsBehind: (await lagOf(store, rebuild.loop.position, head, now)).eventsBehind,
    },
  };
}

export * from './adapters/in-memory/in-memory-event-store';
export * from './adapters/sqlite/sqlite-event-store';
export * from './command/decider';
export * from './command/handle-command';
export * from './envelope/canonical-json';
export * from './envelope/envelope';
export * from './envelope/verify';
export * from './store/event-store';

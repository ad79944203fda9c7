export * from './generations';
export * from './lag';
export * from './metrics';
export * from './projection';
export * from './projection-runner';
export * from './read-database';
export * from './rows';
export * from './table-names-plugin';

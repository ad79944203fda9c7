// Record linkage (Fellegi-Sunter) for clearance searches and duplicate detection. Pure: no I/O, no clock.
// The synthetic population generator lives in ./testing (it needs @faker-js/faker, a dev dependency).
export * from './blocking';
export * from './compare-fields';
export * from './compare-names';
export * from './estimate-em';
export * from './estimate-labelled';
export * from './identity';
export * from './match-index';
export * from './model';
export * from './nicknames';
export * from './normalise';
export * from './score';
export * from './ssn-hash';

export * from './catalogue/role-catalogue';
export * from './personal-data/personal-data-protector';
export * from './personal-data/postgres-secret-vault';
export * from './personal-data/ssn';
export * from './random-pool';
export * from './tokens/key-files';
export * from './tokens/token-service';

export * from './cards';
export * from './commands';
export * from './entities';
export * from './sync';
export * from './text';
export * from './users';
export * from './worklists';

export * from './poverty';
export * from './screening';

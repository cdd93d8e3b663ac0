export * from './format';
export * from './resources';
export * from './text';

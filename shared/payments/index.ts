export * from './allocation';
export * from './drawer';
export * from './drawer-text';
export * from './receipt';
export * from './refunds';
export * from './returns';
export * from './settings';
export * from './tender';

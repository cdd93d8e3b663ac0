export * from './allocation';
export * from './receipt';
export * from './refunds';
export * from './returns';
export * from './settings';
export * from './tender';

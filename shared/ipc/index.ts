export * from './channels/account';
export * from './channels/app';
export * from './channels/flows';
export * from './channels/softphone';
export * from './contract';
export * from './define';
export * from './errors';
export * from './roles';

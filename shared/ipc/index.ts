export * from './channels/account';
export * from './channels/actions';
export * from './channels/app';
export * from './channels/softphone';
export * from './contract';
export * from './define';
export * from './errors';
export * from './roles';

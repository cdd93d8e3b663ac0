export * from './desk-reports';
export * from './protocol';
export * from './reports';

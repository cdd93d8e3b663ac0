export * from './desk-reports';
export * from './protocol';

export * from './plain-date';

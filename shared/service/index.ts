export * from './orders';
export * from './profile';
export { fieldServiceProfiles, getFieldServiceProfile } from './profiles';

export * from './api-types';
export * from './permissions';

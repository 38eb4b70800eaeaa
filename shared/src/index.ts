export * from './primitives';
export * from './documents';
export * from './sync';
export * from './auth';
export * from './errors';

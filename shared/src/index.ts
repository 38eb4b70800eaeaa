export * from './constants';
export * from './primitives';
export * from './documents';
export * from './sync';
export * from './auth';
export * from './errors';
export * from './report';
export * from './password-reset';

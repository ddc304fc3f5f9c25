export * from './types';
export * from './names';
export * from './declare';
export * from './resources';

export * from './types';
export * from './names';
export * from './declare';
export * from './resources';
export * from './eventMap';
export * from './eventMapSvg';
export * from './collectDeclarations';
export * from './renderEventMapFiles';

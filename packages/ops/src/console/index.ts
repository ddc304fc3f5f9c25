export * from './consoleQueues';
export * from './deadLetters';
export * from './errors';
export * from './eventStream';
export * from './queueWatcher';
export * from './startConsole';

export * from './commandChannel';

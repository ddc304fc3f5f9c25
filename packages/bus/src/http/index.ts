export * from './errors';
export * from './bearerToken';
export * from './devToken';

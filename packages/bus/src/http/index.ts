export * from './errors';
export * from './bearerToken';
export * from './devToken';
export * from './requestClaims';
export * from './problem';

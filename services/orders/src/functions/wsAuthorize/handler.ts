import { createLogger } from '@mesh/bus';
import { tokenAuthorizer } from '../../websocket/tokenAuthorizer';

const logger = createLogger('orders');

/** The WebSocket `$connect` authorizer over the `jwtIssuer` / `jwtAudience` params (see tokenAuthorizer). */
export const handler = tokenAuthorizer({
  issuer: process.env.JWT_ISSUER ?? '',
  audience: process.env.JWT_AUDIENCE ?? '',
  onDenied: (reason) => logger.warn('WebSocket connection denied', { reason }),
});

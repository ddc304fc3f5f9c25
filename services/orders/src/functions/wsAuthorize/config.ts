/**
 * The Lambda REQUEST authorizer of the WebSocket `$connect` route (attached in serverless.ts): verifies the
 * `token` query string parameter against the issuer's published keys. Offline, serverless-offline does not
 * run it; `wsConnect` verifies the development token itself there.
 */
export const wsAuthorizeFunction = {
  handler: 'src/functions/wsAuthorize/handler.handler',
  timeout: 10,
  description: 'WebSocket $connect authorizer: verifies the JWT in the token query string parameter.',
  // Verifies tokens only: it writes its logs and reads the issuer's public keys over HTTPS, nothing of ours.
  touches: [],
};

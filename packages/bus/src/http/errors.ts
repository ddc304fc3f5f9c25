/**
 * A bearer token that does not prove who is calling: malformed, signed with another key or algorithm,
 * expired, or for another issuer or audience. Each service maps it to its own 401.
 */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

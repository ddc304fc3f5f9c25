import type { IncomingHttpHeaders } from 'node:http';

export interface CallerIdentity {
  UserId: string;
  Account: string;
  Arn: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\//;

/**
 * Who the caller is, offline: its access key id from the SigV4 `Authorization` header (or a presigned
 * `X-Amz-Credential`), its account the key id itself when that is 12 digits, else `defaultAccount`; the
 * account's root as its ARN. Key ids are restricted to what an ARN may hold, since they are echoed.
 *
 * @example
 * callerIdentityOf({ authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/sts/aws4_request, …' }, '000000000000');
 * // → { UserId: '123456789012', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' }
 */
export function callerIdentityOf(headers: IncomingHttpHeaders, defaultAccount: string): CallerIdentity {
  const authorization = Array.isArray(headers.authorization) ? headers.authorization[0] : headers.authorization;
  const keyId = CREDENTIAL.exec(authorization ?? '')?.[1];
  const safeKeyId = keyId && /^[A-Za-z0-9_+=,.@-]{1,128}$/.test(keyId) ? keyId : undefined;
  const account = safeKeyId && /^\d{12}$/.test(safeKeyId) ? safeKeyId : defaultAccount;
  return { UserId: safeKeyId ?? 'AKIAOFFLINE', Account: account, Arn: `arn:aws:iam::${account}:root` };
}

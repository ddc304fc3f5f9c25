import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { writeAwsError } from '../edge/awsErrorResponse';
import { callerIdentityOf } from './callerIdentity';

const JSON_TARGET_PREFIX = 'AWSSecurityTokenServiceV20110615.';
const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
/** STS actions the offline mesh has no use for: named, so their error says so rather than "unknown". */
const NOT_EMULATED = new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetSessionToken']);

export interface StsListenerOptions {
  /** The account of a caller whose access key id is not 12 digits; `000000000000` by default. */
  accountId?: string;
}

function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, type: string, body: string, requestId: string): void {
  response.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  response.end(body);
}

/**
 * The offline STS: `GetCallerIdentity`, in the query protocol (the SDKs' and the CLI's) and in the JSON
 * protocol, answering the caller's account from its SigV4 access key id — a 12-digit key id names its own
 * account, as LocalStack does, any other the default `000000000000`. Other actions get AWS-shaped errors.
 *
 * @example
 * edge.setRoute('sts', createStsListener());
 * // aws sts get-caller-identity --endpoint-url http://127.0.0.1:4566 → { "Account": "000000000000", … }
 */
export function createStsListener(options: StsListenerOptions = {}): RequestListener {
  const defaultAccount = options.accountId ?? '000000000000';
  return (request, response) => {
    void readText(request).then((body) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const json = target.startsWith(JSON_TARGET_PREFIX);
      const action = json
        ? target.slice(JSON_TARGET_PREFIX.length)
        : (new URLSearchParams(body).get('Action') ??
          new URL(request.url ?? '/', 'http://sts').searchParams.get('Action'));
      if (action !== 'GetCallerIdentity') {
        const known = action !== null && NOT_EMULATED.has(action);
        writeAwsError(request, response, 'sts', {
          status: known ? 501 : 400,
          code: known ? 'NotImplemented' : 'InvalidAction',
          message: known
            ? `The offline STS serves GetCallerIdentity only, not ${action}.`
            : `Could not find operation ${action ?? '(none)'} for version 2011-06-15`,
        });
        return;
      }
      const identity = callerIdentityOf(request.headers, defaultAccount);
      const requestId = randomUUID();
      if (json) {
        send(response, 'application/x-amz-json-1.0', JSON.stringify(identity), requestId);
        return;
      }
      send(
        response,
        'text/xml',
        `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
          `<Arn>${identity.Arn}</Arn><UserId>${identity.UserId}</UserId><Account>${identity.Account}</Account>` +
          `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
          `</GetCallerIdentityResponse>`,
        requestId,
      );
    });
  };
}

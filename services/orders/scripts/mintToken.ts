/**
 * Mints a development JWT for the offline orders API (HS256, signed with MESH_DEV_JWT_SECRET or the
 * documented development default). Such a token is accepted only offline: in AWS, API Gateway's JWT
 * authorizer checks tokens against the real issuer's keys.
 *
 *   npx tsx services/orders/scripts/mintToken.ts --sub cus-1 [--scope admin] [--ttl 3600]
 */
import { parseArgs } from 'node:util';
import { Id } from '@mesh/contracts';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, signDevToken } from '@mesh/bus';

const HELP = `Usage: mintToken --sub <customerId> [--scope <scopes>] [--ttl <seconds>] [--issuer <url>] [--audience <aud>]

Prints a development JWT (HS256) for the offline orders API.

  --sub       the customer id the token speaks for (required), e.g. cus-1
  --scope     space-separated scopes; "admin" may read and list any customer's orders
  --ttl       lifetime in seconds (default 3600)
  --issuer    iss claim (default ${DEFAULT_JWT_ISSUER}, the API's jwtIssuer param default)
  --audience  aud claim (default ${DEFAULT_JWT_AUDIENCE}, the API's jwtAudience param default)
  --help      show this help

The signing key is MESH_DEV_JWT_SECRET, or the development default when it is unset.

Example:
  TOKEN=$(npx tsx services/orders/scripts/mintToken.ts --sub cus-1)
  curl -H "authorization: Bearer $TOKEN" http://127.0.0.1:3000/orders/orders`;

function fail(message: string): never {
  console.error(`mintToken: ${message}\n\n${HELP}`);
  process.exit(2);
}

function main(argv: string[]): void {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sub: { type: 'string' },
        scope: { type: 'string' },
        ttl: { type: 'string', default: '3600' },
        issuer: { type: 'string', default: DEFAULT_JWT_ISSUER },
        audience: { type: 'string', default: DEFAULT_JWT_AUDIENCE },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (!values.sub) fail('--sub is required');
  if (!Id.safeParse(values.sub).success)
    fail(`--sub ${values.sub} is not a valid customer id (letters, digits, _ . : -)`);
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail(`--ttl must be a positive number of seconds`);
  const token = signDevToken(
    { sub: values.sub, ttlSeconds, ...(values.scope ? { scope: values.scope } : {}) },
    { issuer: values.issuer, audience: values.audience },
  );
  console.log(token);
}

main(process.argv.slice(2));

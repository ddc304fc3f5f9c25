import type { CloudFormationTemplate } from '@mesh/testing';

/**
 * The security rules the template suite holds every service's generated CloudFormation to, as pure
 * functions over a template: each returns the violations it finds (an empty list passes), so a failing
 * test names every offender at once, and the rules themselves can be tested on small fixtures.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** One IAM statement and where it was found (`<logical id>/<policy name>`). */
export interface LocatedStatement {
  where: string;
  statement: PolicyStatement;
}

type Resource = CloudFormationTemplate['Resources'][string];

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Actions AWS does not let a policy scope to a resource, so `Resource: '*'` is the only way to grant them.
 * Each entry says why; nothing else may use `*`.
 */
export const WILDCARD_RESOURCE_ACTIONS: Record<string, string> = {
  // X-Ray has no resource-level permissions: the tracer's segments can only be granted on '*'.
  'xray:PutTraceSegments': 'X-Ray supports no resource-level permissions (AWS service authorization reference)',
  'xray:PutTelemetryRecords': 'X-Ray supports no resource-level permissions (AWS service authorization reference)',
  // PutMetricData has no resource type; a cloudwatch:namespace condition is the way to narrow it.
  'cloudwatch:PutMetricData': 'CloudWatch PutMetricData has no resource type; narrow it with cloudwatch:namespace',
};

/**
 * Resources outside a service's own stack that it may reach by design, each with the reason. Commands go
 * straight to the owning service's FIFO queue (DESIGN.md, "Events and commands").
 */
export const CROSS_SERVICE_GRANTS: { service: string; action: string; resource: RegExp; reason: string }[] = [
  {
    service: 'orders',
    action: 'sqs:SendMessage',
    resource: /^arn:aws:sqs:[a-z0-9-]+:\d{12}:inventory-[a-z0-9-]+-commands\.fifo$/,
    reason: "the saga and the cancel route send ReserveStock/ReleaseStock to inventory's command queue",
  },
];

/** Every statement of every IAM role's inline policies and every IAM policy resource in the template. */
export function iamStatements(template: CloudFormationTemplate): LocatedStatement[] {
  const found: LocatedStatement[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const props = resource.Properties as Record<string, unknown>;
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of list(props.Policies as { PolicyName: string; PolicyDocument: { Statement: unknown } }[])) {
        for (const statement of list(policy.PolicyDocument.Statement as PolicyStatement[])) {
          found.push({ where: `${id}/${String(policy.PolicyName)}`, statement });
        }
      }
    }
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      const document = props.PolicyDocument as { Statement: unknown };
      for (const statement of list(document.Statement as PolicyStatement[])) found.push({ where: id, statement });
    }
  }
  return found;
}

/** Every statement of the resource policies (queue, bucket, topic) in the template. */
export function resourcePolicyStatements(template: CloudFormationTemplate): LocatedStatement[] {
  const types = new Set(['AWS::SQS::QueuePolicy', 'AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy']);
  return Object.entries(template.Resources)
    .filter(([, r]) => types.has(r.Type))
    .flatMap(([id, r]) =>
      list((r.Properties.PolicyDocument as unknown as { Statement: unknown }).Statement as PolicyStatement[]).map(
        (statement) => ({
          where: id,
          statement,
        }),
      ),
    );
}

/** Managed policies attached to roles: each grants what its owner (AWS) decides, so none is allowed. */
export function managedPolicyViolations(template: CloudFormationTemplate): string[] {
  return Object.entries(template.Resources)
    .filter(
      ([, r]) => r.Type === 'AWS::IAM::Role' && list(r.Properties.ManagedPolicyArns as unknown as unknown[]).length > 0,
    )
    .map(([id, r]) => `${id} attaches managed policies ${JSON.stringify(r.Properties.ManagedPolicyArns)}`);
}

/** Allow statements whose actions hold a wildcard (`*`, `service:*`, `service:Get*`) or use NotAction. */
export function wildcardActionViolations(statements: LocatedStatement[]): string[] {
  const violations: string[] = [];
  for (const { where, statement } of statements) {
    if (statement.Effect !== 'Allow') continue;
    if (statement.NotAction !== undefined) violations.push(`${where}: Allow with NotAction`);
    for (const action of list(statement.Action)) {
      if (typeof action !== 'string' || action.includes('*')) {
        violations.push(`${where}: wildcard action ${JSON.stringify(action)}`);
      }
    }
  }
  return violations;
}

/**
 * A policy resource as one string: pseudo parameters as `${AWS::Region}`, references to the template's
 * own resources as `{own:<LogicalId>}`, joins and subs flattened. Anything else is kept as JSON, which
 * no rule accepts.
 */
export function renderResource(value: unknown, template: CloudFormationTemplate): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const intrinsic = value as Record<string, unknown>;
  const ownRef = (id: unknown) => (typeof id === 'string' && id in template.Resources ? `{own:${id}}` : undefined);
  if ('Ref' in intrinsic) {
    const ref = intrinsic.Ref;
    if (typeof ref === 'string' && ref.startsWith('AWS::')) return `\${${ref}}`;
    return ownRef(ref) ?? JSON.stringify(value);
  }
  if ('Fn::GetAtt' in intrinsic) {
    const [id] = list(intrinsic['Fn::GetAtt'] as unknown[]);
    return ownRef(typeof id === 'string' ? id.split('.')[0] : id) ?? JSON.stringify(value);
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return list(parts)
      .map((part) => renderResource(part, template))
      .join(separator);
  }
  if ('Fn::Sub' in intrinsic && typeof intrinsic['Fn::Sub'] === 'string') {
    return intrinsic['Fn::Sub'].replace(/\$\{([A-Za-z0-9]+)(\.[A-Za-z]+)?\}/g, (whole, id: string) =>
      id in template.Resources ? `{own:${id}}` : whole,
    );
  }
  return JSON.stringify(value);
}

// What a service may own and name in a policy: its data, its queues, its logs, its APIs, its functions.
const OWNABLE_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::S3::Bucket',
  'AWS::Logs::LogGroup',
  'AWS::ApiGatewayV2::Api',
  'AWS::Lambda::Function',
  'AWS::Events::EventBus',
]);

/**
 * Why a policy resource is acceptable for `service` on `stage`, or undefined when it is not: one of the
 * service's own resources (a reference into its own template), the stage's mesh bus, the service's own
 * log groups (as osls writes them), or an allow-listed grant.
 */
export function resourceScope(
  rendered: string,
  context: { service: string; stage: string; actions: string[]; template: CloudFormationTemplate },
): string | undefined {
  const { service, stage, actions, template } = context;
  const pseudo = /\$\{AWS::(Partition|Region|AccountId|URLSuffix)\}/g;
  const generic = rendered.replace(pseudo, (_, name: string) => `<${name}>`);
  // An ARN built around one of the template's own resources (its ARN, an index of it, its objects, its stage).
  const owned = /^(arn:[^{]*)?\{own:([A-Za-z0-9]+)\}/.exec(generic);
  if (owned) {
    const type = template.Resources[owned[2]!]?.Type;
    return type && OWNABLE_TYPES.has(type) ? `own ${type}` : undefined;
  }
  if (generic === `arn:<Partition>:events:<Region>:<AccountId>:event-bus/mesh-${stage}`) return 'the stage bus';
  const ownLogs = new RegExp(
    `^arn:<Partition>:logs:<Region>:<AccountId>:log-group:/aws/lambda/${service}-${stage}[*-][^:]*(:\\*){1,2}$`,
  );
  if (ownLogs.test(generic)) return 'own log groups';
  if (rendered === '*' && actions.length > 0 && actions.every((a) => a in WILDCARD_RESOURCE_ACTIONS)) {
    return 'allow-listed action without resource-level permissions';
  }
  const grant = CROSS_SERVICE_GRANTS.find(
    (g) =>
      g.service === service && actions.length > 0 && actions.every((a) => a === g.action) && g.resource.test(rendered),
  );
  return grant ? `cross-service grant: ${grant.reason}` : undefined;
}

/** Allow statements naming a resource outside the service's own (see {@link resourceScope}), or NotResource. */
export function resourceScopeViolations(
  statements: LocatedStatement[],
  context: { service: string; stage: string; template: CloudFormationTemplate },
): string[] {
  const violations: string[] = [];
  for (const { where, statement } of statements) {
    if (statement.Effect !== 'Allow') continue;
    if (statement.NotResource !== undefined) violations.push(`${where}: Allow with NotResource`);
    const actions = list(statement.Action).map(String);
    const resources = list(statement.Resource as unknown);
    if (resources.length === 0 && statement.NotResource === undefined) violations.push(`${where}: no Resource`);
    for (const resource of resources) {
      const rendered = renderResource(resource, context.template);
      if (!resourceScope(rendered, { ...context, actions })) {
        violations.push(`${where}: ${actions.join(',')} on ${rendered} is not the service's own`);
      }
    }
  }
  return violations;
}

/** Statements granting events:PutEvents without `StringEquals { events:source: mesh.<service> }`. */
export function putEventsViolations(statements: LocatedStatement[], service: string): string[] {
  const violations: string[] = [];
  for (const { where, statement } of statements) {
    if (statement.Effect !== 'Allow' || !list(statement.Action).includes('events:PutEvents')) continue;
    const source = statement.Condition?.StringEquals?.['events:source'];
    const sources = list(source as string | string[] | undefined);
    if (sources.length !== 1 || sources[0] !== `mesh.${service}`) {
      violations.push(`${where}: events:PutEvents with events:source ${JSON.stringify(source)}, not mesh.${service}`);
    }
    if (list(statement.Action).length !== 1) {
      violations.push(`${where}: events:PutEvents shares its source condition with other actions`);
    }
  }
  return violations;
}

/** Resource-policy Allow statements open to anyone, or to a service without a source-ARN condition. */
export function resourcePolicyViolations(statements: LocatedStatement[]): string[] {
  const violations: string[] = [];
  for (const { where, statement } of statements) {
    if (statement.Effect !== 'Allow') continue;
    const principal = statement.Principal as { Service?: unknown; AWS?: unknown } | string | undefined;
    if (principal === '*' || (typeof principal === 'object' && list(principal.AWS as unknown[]).includes('*'))) {
      violations.push(`${where}: Allow to every principal`);
    }
    if (typeof principal === 'object' && principal.Service !== undefined) {
      const conditions = Object.values(statement.Condition ?? {}).flatMap((c) => Object.keys(c));
      if (!conditions.some((key) => key === 'aws:SourceArn' || key === 'aws:SourceAccount')) {
        violations.push(`${where}: Allow to ${JSON.stringify(principal.Service)} without aws:SourceArn`);
      }
    }
    for (const action of list(statement.Action)) {
      if (action.includes('*')) violations.push(`${where}: wildcard action ${action} in an Allow`);
    }
  }
  return violations;
}

const resourcesOf = (template: CloudFormationTemplate, type: string): [string, Resource][] =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** Queues without server-side encryption (SQS-managed or KMS). */
export function queueEncryptionViolations(template: CloudFormationTemplate): string[] {
  return resourcesOf(template, 'AWS::SQS::Queue')
    .filter(([, q]) => q.Properties.SqsManagedSseEnabled !== true && !q.Properties.KmsMasterKeyId)
    .map(([id]) => `${id}: neither SqsManagedSseEnabled nor KmsMasterKeyId`);
}

/** Tables without server-side encryption or point-in-time recovery. */
export function tableProtectionViolations(template: CloudFormationTemplate): string[] {
  return resourcesOf(template, 'AWS::DynamoDB::Table').flatMap(([id, t]) => {
    const props = t.Properties as {
      SSESpecification?: { SSEEnabled?: boolean };
      PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled?: boolean };
    };
    return [
      ...(props.SSESpecification?.SSEEnabled === true ? [] : [`${id}: SSESpecification.SSEEnabled is not true`]),
      ...(props.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true
        ? []
        : [`${id}: point-in-time recovery is not enabled`]),
    ];
  });
}

const PUBLIC_ACCESS_BLOCKS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/**
 * Buckets without all four public access blocks, without default encryption, or without a bucket policy
 * that denies every request not made over TLS (`aws:SecureTransport` false) on the bucket and its objects.
 */
export function bucketViolations(template: CloudFormationTemplate): string[] {
  const policies = resourcesOf(template, 'AWS::S3::BucketPolicy').map(([, p]) => p.Properties);
  return resourcesOf(template, 'AWS::S3::Bucket').flatMap(([id, bucket]) => {
    const violations: string[] = [];
    const block = (bucket.Properties.PublicAccessBlockConfiguration ?? {}) as Record<string, unknown>;
    for (const setting of PUBLIC_ACCESS_BLOCKS) {
      if (block[setting] !== true) violations.push(`${id}: PublicAccessBlockConfiguration.${setting} is not true`);
    }
    if (!bucket.Properties.BucketEncryption) violations.push(`${id}: no default encryption`);
    const own = policies.filter((p) => JSON.stringify(p.Bucket) === JSON.stringify({ Ref: id }));
    const tlsOnly = own.some((policy) =>
      list((policy.PolicyDocument as unknown as { Statement: unknown }).Statement as PolicyStatement[]).some((s) => {
        const secure = s.Condition?.Bool?.['aws:SecureTransport'];
        const resources = list(s.Resource as unknown).map((r) => renderResource(r, template));
        return (
          s.Effect === 'Deny' &&
          s.Principal === '*' &&
          list(s.Action).some((a) => a === 's3:*') &&
          (secure === false || secure === 'false') &&
          resources.some((r) => r.endsWith('/*')) &&
          resources.some((r) => !r.endsWith('/*'))
        );
      }),
    );
    if (!tlsOnly) violations.push(`${id}: no bucket policy denying s3:* without aws:SecureTransport`);
    return violations;
  });
}

const MUTATING = /^(POST|PUT|PATCH|DELETE|ANY)$/;

/**
 * HTTP routes that change state (POST, PUT, PATCH, DELETE, ANY, and an HTTP API's `$default`, which takes
 * every method) without an authorizer, on HTTP APIs (v2) and REST APIs (v1).
 */
export function routeAuthorizationViolations(template: CloudFormationTemplate): string[] {
  const httpApis = new Set(
    resourcesOf(template, 'AWS::ApiGatewayV2::Api')
      .filter(([, api]) => api.Properties.ProtocolType === 'HTTP')
      .map(([id]) => id),
  );
  const violations: string[] = [];
  for (const [id, route] of resourcesOf(template, 'AWS::ApiGatewayV2::Route')) {
    const apiId = (route.Properties.ApiId as { Ref?: string } | undefined)?.Ref;
    if (!apiId || !httpApis.has(apiId)) continue;
    const routeKey = String(route.Properties.RouteKey);
    const method = routeKey.split(' ')[0]!;
    if (routeKey !== '$default' && !MUTATING.test(method)) continue;
    const type = route.Properties.AuthorizationType;
    if (type === undefined || type === 'NONE' || !route.Properties.AuthorizerId) {
      violations.push(`${id} (${routeKey}): no authorizer`);
    }
  }
  for (const [id, method] of resourcesOf(template, 'AWS::ApiGateway::Method')) {
    const verb = String(method.Properties.HttpMethod);
    if (MUTATING.test(verb) && (method.Properties.AuthorizationType ?? 'NONE') === 'NONE') {
      violations.push(`${id} (${verb}): no authorizer`);
    }
  }
  return violations;
}

// Names that say "a secret lives here". KEY alone is too broad (a partition KEY, a KMS KEY_ID is a
// reference): only the kinds of key that are credentials.
const SECRET_NAME =
  /(SECRET|PASSW(OR)?D|PASSPHRASE|PWD|TOKEN|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SIGNING_?KEY|CLIENT_?SECRET|AUTH_?KEY)/i;
// What a value that is only a pointer to a secret looks like: an ARN, an SSM parameter path, or a
// CloudFormation dynamic reference resolved at deploy time.
const REFERENCE_VALUE = /^(arn:aws[a-z-]*:[a-z0-9-]+:|\/[\w.-]+(\/[\w.-]+)*$|\{\{resolve:(ssm|secretsmanager):)/;
const SECRET_VALUES: [string, RegExp][] = [
  ['an AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a JWT', /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/],
  ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['credentials in a URL', /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i],
  ['a secret assignment', /\b(password|passwd|secret|token|api[_-]?key)\s*[=:]\s*\S+/i],
  ['a provider token', /\b(gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{10,})\b/],
];

/** Shannon entropy per character: random keys score above 4, words and names well below. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  return [...counts.values()].reduce((sum, n) => sum - (n / text.length) * Math.log2(n / text.length), 0);
}

function literalSecret(value: string, knownSecrets: readonly string[]): string | undefined {
  if (knownSecrets.some((secret) => secret !== '' && value.includes(secret))) return 'a known development secret';
  // An ARN (`…:secret:name`), an SSM path or a dynamic reference only points at a secret.
  if (REFERENCE_VALUE.test(value)) return undefined;
  for (const [what, pattern] of SECRET_VALUES) if (pattern.test(value)) return what;
  const runs = value.match(/[A-Za-z0-9+/=_-]{24,}/g) ?? [];
  return runs.some((run) => /\d/.test(run) && /[A-Za-z]/.test(run) && entropy(run) > 4.2)
    ? 'a long random-looking string'
    : undefined;
}

const literalsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(literalsOf)
      : [];

/**
 * Why an environment variable looks like a secret, or undefined. A literal is judged by its value (key
 * formats, tokens, credentials in URLs, random-looking runs) and, when its name says secret, must be a
 * reference (ARN, SSM path, `{{resolve:…}}`). An intrinsic (Ref, GetAtt, Join) is resolved by
 * CloudFormation, so only the literal parts it glues in are judged.
 */
export function secretLooking(name: string, value: unknown, knownSecrets: readonly string[] = []): string | undefined {
  if (typeof value !== 'string') {
    for (const literal of literalsOf(value)) {
      const why = literalSecret(literal, knownSecrets);
      if (why) return why;
    }
    return undefined;
  }
  const why = literalSecret(value, knownSecrets);
  if (why) return why;
  if (SECRET_NAME.test(name) && value !== '' && !REFERENCE_VALUE.test(value)) {
    return 'a secret-named variable holding a literal, not a reference (ARN, SSM path, {{resolve:…}})';
  }
  return undefined;
}

/** Function environment variables that hold, or look like they hold, a secret. */
export function environmentSecretViolations(
  template: CloudFormationTemplate,
  knownSecrets: readonly string[] = [],
): string[] {
  return resourcesOf(template, 'AWS::Lambda::Function').flatMap(([id, fn]) => {
    const variables = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables;
    return Object.entries(variables ?? {}).flatMap(([name, value]) => {
      const why = secretLooking(name, value, knownSecrets);
      return why ? [`${id}: ${name} looks like ${why}`] : [];
    });
  });
}

// Actions that change data or the world outside the function.
const WRITE_ACTION =
  /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems|PartiQLUpdate|PartiQLInsert|PartiQLDelete)|sqs:(SendMessage|SendMessageBatch|DeleteMessage|PurgeQueue)|events:PutEvents|s3:(PutObject|DeleteObject)|sns:Publish|execute-api:ManageConnections)$/;

/** The logical id a `Ref` or `Fn::GetAtt` names, if it is one. */
export const refOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const intrinsic = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown[] };
  if (typeof intrinsic.Ref === 'string') return intrinsic.Ref;
  const [id] = intrinsic['Fn::GetAtt'] ?? [];
  return typeof id === 'string' ? id : undefined;
};

/**
 * Functions that only answer reads (GET, HEAD, OPTIONS routes; no queue, stream or WebSocket trigger) whose
 * role may still write: a read route must not be able to change the table, publish or send.
 */
export function readOnlyRouteViolations(template: CloudFormationTemplate): string[] {
  const resources = Object.entries(template.Resources);
  const routesOf = new Map<string, string[]>();
  for (const [, route] of resources.filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route')) {
    const target = JSON.stringify(route.Properties.Target ?? '');
    const integration = /"Ref":"([A-Za-z0-9]+)"/.exec(target)?.[1];
    const fn = integration ? refOf(template.Resources[integration]?.Properties.IntegrationUri) : undefined;
    if (fn) routesOf.set(fn, [...(routesOf.get(fn) ?? []), String(route.Properties.RouteKey)]);
  }
  const triggered = new Set(
    resources
      .filter(([, r]) => r.Type === 'AWS::Lambda::EventSourceMapping')
      .map(([, m]) => refOf(m.Properties.FunctionName)),
  );
  const violations: string[] = [];
  for (const [fn, routes] of routesOf) {
    const readOnly = routes.every((key) => /^(GET|HEAD|OPTIONS) /.test(key));
    if (!readOnly || triggered.has(fn)) continue;
    const role = refOf(template.Resources[fn]?.Properties.Role);
    const writes = iamStatements(template)
      .filter(({ where, statement }) => where.startsWith(`${role}/`) && statement.Effect === 'Allow')
      .flatMap(({ statement }) => list(statement.Action).filter((a) => WRITE_ACTION.test(a)));
    if (writes.length > 0) violations.push(`${fn} (${routes.join(', ')}) may ${[...new Set(writes)].join(', ')}`);
  }
  return violations;
}

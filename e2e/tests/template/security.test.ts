import path from 'node:path';
import { DEV_JWT_SECRET } from '@mesh/bus';
import { packageService, type CloudFormationTemplate } from '@mesh/testing';
import {
  bucketViolations,
  environmentSecretViolations,
  iamStatements,
  managedPolicyViolations,
  putEventsViolations,
  queueEncryptionViolations,
  readOnlyRouteViolations,
  renderResource,
  resourcePolicyStatements,
  resourcePolicyViolations,
  resourceScopeViolations,
  routeAuthorizationViolations,
  secretLooking,
  tableProtectionViolations,
  wildcardActionViolations,
  type LocatedStatement,
} from './securityRules';
import { alarmViolations } from './alarmRules';
import { deadLetterSendViolations } from './deadLetterRules';

/**
 * Holds every service's generated CloudFormation (`serverless package`, once per service per run) to the
 * mesh's security rules: least-privilege IAM scoped to the service's own resources, publishing only as
 * itself, encryption at rest, private TLS-only buckets, no open mutating route and no secret in a
 * function's environment. The rules live in `securityRules.ts`; the last block proves each
 * rule catches what it is meant to.
 */
const root = path.resolve(__dirname, '../../..');
const STAGE = 'ci';
const SERVICES = ['bus', 'orders', 'inventory', 'payments', 'notifications'] as const;
type Service = (typeof SERVICES)[number];

const templates = new Map<Service, CloudFormationTemplate>();

beforeAll(async () => {
  // One at a time: packaging bundles every function, and the machines running the suite are small.
  for (const service of SERVICES) {
    templates.set(service, await packageService(path.join(root, 'services', service), STAGE));
  }
}, 300_000);

const templateOf = (service: Service) => {
  const template = templates.get(service);
  if (!template) throw new Error(`${service} was not packaged`);
  return template;
};
// The bus service is `mesh-bus`, but it has no functions and publishes nothing.
const statementsOf = (service: Service): LocatedStatement[] => iamStatements(templateOf(service));

describe.each(SERVICES)('the %s template', (service) => {
  it('grants no wildcard action (no "*", no "service:*", no NotAction) and attaches no managed policy', () => {
    expect(wildcardActionViolations(statementsOf(service))).toEqual([]);
    expect(managedPolicyViolations(templateOf(service))).toEqual([]);
  });

  it("scopes every granted resource to the service's own table, queues, bucket, logs, API or the stage bus", () => {
    expect(
      resourceScopeViolations(statementsOf(service), { service, stage: STAGE, template: templateOf(service) }),
    ).toEqual([]);
  });

  it('lets the service publish only as itself: events:PutEvents conditioned on its own events:source', () => {
    expect(putEventsViolations(statementsOf(service), service)).toEqual([]);
  });

  it('lets each consumer send to its own DLQ (dead letters with their reason), and to no other DLQ', () => {
    expect(deadLetterSendViolations(templateOf(service))).toEqual([]);
  });

  it("makes every alarm notify the stage's alarm topic on ALARM and OK; a DLQ alarm names what to run", () => {
    expect(alarmViolations(templateOf(service), STAGE)).toEqual([]);
  });

  it('opens no queue or bucket policy to anyone, nor to an AWS service without a source ARN', () => {
    expect(resourcePolicyViolations(resourcePolicyStatements(templateOf(service)))).toEqual([]);
  });

  it('encrypts every queue, and every table with point-in-time recovery on', () => {
    expect(queueEncryptionViolations(templateOf(service))).toEqual([]);
    expect(tableProtectionViolations(templateOf(service))).toEqual([]);
  });

  it('blocks all public access to every bucket and denies every request not made over TLS', () => {
    expect(bucketViolations(templateOf(service))).toEqual([]);
  });

  it('puts every mutating HTTP route (POST, PUT, PATCH, DELETE, ANY, $default) behind an authorizer', () => {
    expect(routeAuthorizationViolations(templateOf(service))).toEqual([]);
  });

  it('lets no function that only answers read routes write, publish or send', () => {
    expect(readOnlyRouteViolations(templateOf(service))).toEqual([]);
  });

  it('keeps secrets out of function environments, and the development token key out of the template', () => {
    expect(environmentSecretViolations(templateOf(service), [DEV_JWT_SECRET])).toEqual([]);
    expect(JSON.stringify(templateOf(service))).not.toContain(DEV_JWT_SECRET);
  });
});

describe('the security rules themselves', () => {
  const template = (resources: Record<string, { Type: string; Properties: Record<string, unknown> }>) =>
    ({ Resources: resources }) as unknown as CloudFormationTemplate;
  const role = (...statements: unknown[]) =>
    template({
      Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] },
      },
    });
  const allow = (Action: unknown, Resource: unknown, Condition?: unknown) => ({
    Effect: 'Allow',
    Action,
    Resource,
    ...(Condition ? { Condition } : {}),
  });
  const table = { 'Fn::GetAtt': ['Table', 'Arn'] };
  const busArnParts = [
    'arn:',
    { Ref: 'AWS::Partition' },
    ':events:',
    { Ref: 'AWS::Region' },
    ':',
    { Ref: 'AWS::AccountId' },
  ];
  const scope = (t: CloudFormationTemplate, service = 'orders') =>
    resourceScopeViolations(iamStatements(t), { service, stage: STAGE, template: t });

  it('catches "*", "service:*" and "service:Get*" actions, but not a Deny', () => {
    const t = role(allow('*', [table]), allow(['dynamodb:*'], [table]), allow(['s3:Get*'], [table]), {
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
    });
    expect(wildcardActionViolations(iamStatements(t))).toHaveLength(3);
  });

  it("catches '*', another account's table and another stage's bus, and passes own resources", () => {
    const ownBus = { 'Fn::Join': ['', [...busArnParts, ':event-bus/mesh-ci']] };
    const otherBus = { 'Fn::Join': ['', [...busArnParts, ':event-bus/mesh-prod']] };
    expect(renderResource(ownBus, role())).toBe(
      'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/mesh-ci',
    );
    expect(
      scope(
        role(
          allow(['dynamodb:GetItem'], [table, { 'Fn::Join': ['', [table, '/index/byCustomer']] }]),
          allow(['events:PutEvents'], [ownBus]),
        ),
      ),
    ).toEqual([]);
    expect(
      scope(
        role(
          allow(['dynamodb:GetItem'], '*'),
          allow(['dynamodb:GetItem'], ['arn:aws:dynamodb:us-east-1:123456789012:table/orders-ci']),
          allow(['events:PutEvents'], [otherBus]),
          allow(['sqs:SendMessage'], ['arn:aws:sqs:us-east-1:000000000000:payments-ci-x']),
        ),
      ),
    ).toHaveLength(4);
  });

  it("allows '*' only for the allow-listed actions AWS cannot scope, and cross-service grants only as listed", () => {
    expect(scope(role(allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*')))).toEqual([]);
    expect(scope(role(allow(['xray:PutTraceSegments', 'dynamodb:Scan'], '*')))).toHaveLength(1);
    const inventoryQueue = 'arn:aws:sqs:us-east-1:000000000000:inventory-ci-commands.fifo';
    expect(scope(role(allow(['sqs:SendMessage'], [inventoryQueue])))).toEqual([]);
    expect(scope(role(allow(['sqs:SendMessage'], [inventoryQueue])), 'payments')).toHaveLength(1);
    expect(scope(role(allow(['sqs:SendMessage', 'sqs:PurgeQueue'], [inventoryQueue])))).toHaveLength(1);
  });

  it("catches PutEvents with no source condition, another service's source, or a list of sources", () => {
    const statements = (condition?: unknown) => iamStatements(role(allow(['events:PutEvents'], ['x'], condition)));
    expect(putEventsViolations(statements({ StringEquals: { 'events:source': 'mesh.orders' } }), 'orders')).toEqual([]);
    expect(putEventsViolations(statements(), 'orders')).toHaveLength(1);
    expect(
      putEventsViolations(statements({ StringEquals: { 'events:source': 'mesh.payments' } }), 'orders'),
    ).toHaveLength(1);
    expect(
      putEventsViolations(
        statements({ StringEquals: { 'events:source': ['mesh.orders', 'mesh.payments'] } }),
        'orders',
      ),
    ).toHaveLength(1);
    expect(putEventsViolations(statements({ StringLike: { 'events:source': 'mesh.*' } }), 'orders')).toHaveLength(1);
  });

  it('catches unencrypted queues and tables without SSE or point-in-time recovery', () => {
    const t = template({
      Plain: { Type: 'AWS::SQS::Queue', Properties: {} },
      Managed: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } },
      Kms: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/aws/sqs' } },
      Bare: { Type: 'AWS::DynamoDB::Table', Properties: { SSESpecification: { SSEEnabled: true } } },
    });
    expect(queueEncryptionViolations(t)).toEqual(['Plain: neither SqsManagedSseEnabled nor KmsMasterKeyId']);
    expect(tableProtectionViolations(t)).toEqual(['Bare: point-in-time recovery is not enabled']);
  });

  it('catches a bucket with a public access block off or without a TLS-only policy', () => {
    const blocks = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
    const bucketArn = { 'Fn::GetAtt': ['Private', 'Arn'] };
    const t = template({
      Private: {
        Type: 'AWS::S3::Bucket',
        Properties: { PublicAccessBlockConfiguration: blocks, BucketEncryption: {} },
      },
      PrivatePolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Private' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
      Leaky: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          PublicAccessBlockConfiguration: { ...blocks, RestrictPublicBuckets: false },
          BucketEncryption: {},
        },
      },
    });
    expect(bucketViolations(t)).toEqual([
      'Leaky: PublicAccessBlockConfiguration.RestrictPublicBuckets is not true',
      'Leaky: no bucket policy denying s3:* without aws:SecureTransport',
    ]);
  });

  it('catches an open mutating route on an HTTP or REST API, and leaves WebSocket and read routes alone', () => {
    const route = (RouteKey: string, ApiId: string, auth?: boolean) => ({
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: ApiId },
        RouteKey,
        AuthorizationType: auth ? 'JWT' : 'NONE',
        ...(auth ? { AuthorizerId: { Ref: 'Jwt' } } : {}),
      },
    });
    const t = template({
      Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
      Ws: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET' } },
      A: route('POST /orders', 'Http', true),
      B: route('DELETE /orders/{id}', 'Http'),
      C: route('$default', 'Http'),
      D: route('GET /orders', 'Http'),
      E: route('subscribe', 'Ws'),
      F: { Type: 'AWS::ApiGateway::Method', Properties: { HttpMethod: 'PUT', AuthorizationType: 'NONE' } },
    });
    expect(routeAuthorizationViolations(t)).toEqual([
      'B (DELETE /orders/{id}): no authorizer',
      'C ($default): no authorizer',
      'F (PUT): no authorizer',
    ]);
  });

  it('catches a read-only route whose role may write, but not a writer or a queue-triggered reader', () => {
    const t = template({
      Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
      ...Object.fromEntries(
        [
          ['Get', 'GET /stock/{sku}', 'SharedRole'],
          ['Put', 'PUT /stock/{sku}', 'SharedRole'],
          ['List', 'GET /stock', 'ReaderRole'],
        ].flatMap(([name, key, role]) => [
          [
            `${name}Route`,
            {
              Type: 'AWS::ApiGatewayV2::Route',
              Properties: {
                RouteKey: key,
                Target: { 'Fn::Join': ['/', ['integrations', { Ref: `${name}Integration` }]] },
              },
            },
          ],
          [
            `${name}Integration`,
            {
              Type: 'AWS::ApiGatewayV2::Integration',
              Properties: { IntegrationUri: { 'Fn::GetAtt': [`${name}Fn`, 'Arn'] } },
            },
          ],
          [`${name}Fn`, { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [role, 'Arn'] } } }],
        ]),
      ),
      SharedRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: { Statement: [allow(['dynamodb:GetItem', 'dynamodb:PutItem'], [table])] },
            },
          ],
        },
      },
      ReaderRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [allow(['dynamodb:Query'], [table])] } }],
        },
      },
    });
    expect(readOnlyRouteViolations(t)).toEqual(['GetFn (GET /stock/{sku}) may dynamodb:PutItem']);
  });

  it("catches a consumer that may not send to its own DLQ, and a role that may send to another's", () => {
    const queue = (dlq?: string) => ({
      Type: 'AWS::SQS::Queue',
      Properties: dlq
        ? { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 } }
        : {},
    });
    const consumer = (fn: string, role: string, source: string) => ({
      [fn]: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [role, 'Arn'] } } },
      [`${fn}Mapping`]: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: fn }, EventSourceArn: { 'Fn::GetAtt': [source, 'Arn'] } },
      },
    });
    const roleSending = (...dlqs: string[]) => ({
      Type: 'AWS::IAM::Role',
      Properties: {
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: {
              Statement: dlqs.length
                ? [
                    allow(
                      ['sqs:SendMessage'],
                      dlqs.map((d) => ({ 'Fn::GetAtt': [d, 'Arn'] })),
                    ),
                  ]
                : [],
            },
          },
        ],
      },
    });
    const t = template({
      AQueue: queue('ADlq'),
      ADlq: queue(),
      BQueue: queue('BDlq'),
      BDlq: queue(),
      ...consumer('AFn', 'ARole', 'AQueue'),
      ...consumer('BFn', 'BRole', 'BQueue'),
      ARole: roleSending('ADlq', 'BDlq'),
      BRole: roleSending(),
    });
    expect(deadLetterSendViolations(t)).toEqual([
      'BRole consumes BQueue but may not send to its DLQ BDlq',
      'ARole/p may send to {own:BDlq}, the DLQ of BQueue, which it does not consume',
    ]);
  });

  it('catches secret-looking environment values and names, but not references, names and URLs', () => {
    const clean: [string, unknown][] = [
      ['ORDERS_TABLE', { Ref: 'OrdersTable' }],
      ['EVENT_BUS_NAME', 'mesh-ci'],
      ['INVENTORY_COMMANDS_QUEUE_URL', 'https://sqs.us-east-1.amazonaws.com/000000000000/inventory-ci-commands.fifo'],
      ['JWT_ISSUER', 'https://auth.mesh.example.com/'],
      ['NODE_OPTIONS', '--enable-source-maps'],
      ['API_KEY_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/psp-AbCdEf'],
      ['PSP_TOKEN_PARAMETER', '/payments/ci/psp-token'],
      ['DB_PASSWORD', '{{resolve:secretsmanager:payments/db:SecretString:password}}'],
      ['SIGNING_KEY_ARN', { 'Fn::GetAtt': ['SigningKey', 'Arn'] }],
      ['PARTITION_KEY', 'pk'],
    ];
    for (const [name, value] of clean) expect([name, secretLooking(name, value)]).toEqual([name, undefined]);
    const secret: [string, unknown][] = [
      ['DB_PASSWORD', 'hunter2'],
      ['PSP_API_KEY', 'live-key'],
      ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
      ['SESSION', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXMtMSJ9.c2lnbmF0dXJlLWJ5dGVz'],
      ['DATABASE_URL', 'postgres://app:s3cr3t@db.example.com:5432/app'],
      ['CONFIG', 'mode=live password=hunter2'],
      ['GITHUB', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
      ['SEED', 'q8Zr3xT9LmW2vB7nK4pY6sD1fH5jG0cA'],
      ['MIXED', { 'Fn::Join': ['', ['https://', 'AKIAIOSFODNN7EXAMPLE', '.example.com']] }],
      ['JWT_KEY', DEV_JWT_SECRET],
    ];
    for (const [name, value] of secret)
      expect([name, secretLooking(name, value, [DEV_JWT_SECRET])]).toEqual([name, expect.any(String)]);
  });
});

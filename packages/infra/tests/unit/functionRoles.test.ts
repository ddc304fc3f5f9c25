import {
  bucketAccess,
  functionRoles,
  manageConnections,
  meshBusArn,
  publishesAs,
  sendsTo,
  streamAccess,
  tableAccess,
} from '../../src';

type Role = ReturnType<typeof functionRoles>['roles'][string];
const statementsOf = (role: Role | undefined) => role!.Properties.Policies[0]!.PolicyDocument.Statement;

describe('functionRoles', () => {
  const { functions, roles } = functionRoles('shop', {
    readThing: {
      handler: 'src/functions/readThing/handler.handler',
      events: [{ httpApi: { method: 'GET', path: '/things/{id}' } }],
      touches: [tableAccess('ThingsTable', ['dynamodb:GetItem'], { sid: 'ReadThings' })],
    },
    thingEvents: {
      handler: 'src/functions/thingEvents/handler.handler',
      events: [{ sqs: { arn: { 'Fn::GetAtt': ['ThingEventsQueue', 'Arn'] } } }],
      touches: [publishesAs('mesh.shop')],
    },
    relay: {
      handler: 'src/functions/relay/handler.handler',
      events: [
        {
          stream: {
            arn: { 'Fn::GetAtt': ['ThingsTable', 'StreamArn'] },
            destinations: { onFailure: { arn: { 'Fn::GetAtt': ['RelayDlq', 'Arn'] }, type: 'sqs' } },
          },
        },
      ],
      touches: [],
    },
  });

  it('gives every function a role of its own and leaves `touches` out of the function config', () => {
    expect(functions.readThing).toEqual({
      handler: 'src/functions/readThing/handler.handler',
      events: [{ httpApi: { method: 'GET', path: '/things/{id}' } }],
      role: 'ReadThingRole',
    });
    expect(Object.keys(roles).sort()).toEqual(['ReadThingRole', 'RelayRole', 'ThingEventsRole']);
    expect(Object.values(functions).every((f) => !('touches' in f))).toBe(true);
  });

  it('lets Lambda alone assume the role, writing only its own log group and its traces', () => {
    const role = roles.ReadThingRole!;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.Description).toBe('shop/readThing: least privilege');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(statementsOf(role).slice(0, 2)).toEqual([
      {
        Sid: 'OwnLogsOnly',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [{ 'Fn::GetAtt': ['ReadThingLogGroup', 'Arn'] }],
      },
      expect.objectContaining({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] }),
    ]);
  });

  it('grants a read route exactly what it declares, nothing from another function', () => {
    expect(statementsOf(roles.ReadThingRole).slice(2)).toEqual([
      {
        Sid: 'ReadThings',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: [{ 'Fn::GetAtt': ['ThingsTable', 'Arn'] }],
      },
    ]);
  });

  it("adds what an SQS trigger needs on its own queue, beside the subscriber's declared publishing", () => {
    expect(statementsOf(roles.ThingEventsRole).slice(2)).toEqual([
      {
        Sid: 'PublishOwnEventsOnly',
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: [meshBusArn],
        Condition: { StringEquals: { 'events:source': 'mesh.shop' } },
      },
      {
        Sid: 'ConsumeTriggerQueue',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        Resource: [{ 'Fn::GetAtt': ['ThingEventsQueue', 'Arn'] }],
      },
    ]);
  });

  it("adds reading a stream trigger and sending to its on-failure queue, which Lambda does with the function's role", () => {
    expect(statementsOf(roles.RelayRole).slice(2)).toEqual([
      {
        Sid: 'ReadTriggerStream',
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        Resource: [{ 'Fn::GetAtt': ['ThingsTable', 'StreamArn'] }],
      },
      {
        Sid: 'SendFailedBatches',
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: [{ 'Fn::GetAtt': ['RelayDlq', 'Arn'] }],
      },
    ]);
  });

  it('numbers a repeated Sid, since a policy refuses two alike', () => {
    const { roles: twice } = functionRoles('shop', {
      f: {
        handler: 'h',
        touches: [
          tableAccess('ThingsTable', ['dynamodb:GetItem'], { leadingKeys: ['A#*'] }),
          tableAccess('ThingsTable', ['dynamodb:PutItem'], { leadingKeys: ['B#*'] }),
        ],
      },
    });
    expect(
      statementsOf(twice.FRole)
        .slice(2)
        .map((s) => s.Sid),
    ).toEqual(['ThingsTable', 'ThingsTable2']);
  });
});

describe('the access builders', () => {
  it('scopes a table grant to an index, or to partitions by their leading keys', () => {
    expect(tableAccess('T', ['dynamodb:Query'], { index: 'byCustomer' }).resources).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['T', 'Arn'] }, '/index/byCustomer']] },
    ]);
    expect(tableAccess('T', ['dynamodb:GetItem'], { leadingKeys: ['LOAN#*'] }).condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOAN#*'] },
    });
  });

  it('scopes a bucket grant to its prefix, a send to its queue, a stream read to its stream', () => {
    expect(bucketAccess('ReceiptsBucket', ['s3:PutObject'], 'receipts/')).toEqual({
      sid: 'ReceiptsBucketreceipts',
      actions: ['s3:PutObject'],
      resources: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] }, '/receipts/*']] }],
    });
    expect(sendsTo('${param:q}').resources).toEqual(['${param:q}']);
    expect(streamAccess('T').resources).toEqual([{ 'Fn::GetAtt': ['T', 'StreamArn'] }]);
  });

  it("lets a function post to its own WebSocket API's connections on its own stage only", () => {
    const [resource] = manageConnections('WebsocketsApi').resources;
    expect(JSON.stringify(resource)).toContain('"/${sls:stage}/POST/@connections/*"');
    expect(JSON.stringify(resource)).toContain('{"Ref":"WebsocketsApi"}');
  });
});

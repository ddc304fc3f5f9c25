import path from 'node:path';
import { packageService, resourcesOfType, type CloudFormationTemplate } from '@mesh/testing';
import { MESH_METRIC_NAMES, meshMetricsNamespace, type DashboardWidget } from '@mesh/infra';

const SERVICES = ['orders', 'inventory', 'payments', 'notifications'] as const;
const servicesDir = path.resolve(__dirname, '../../../services');

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const props = (resource: { Properties: unknown }) => resource.Properties as Record<string, unknown>;

/** The dashboard body with the region (a `Ref: AWS::Region` in its Fn::Join) written in. */
function dashboardOf(template: CloudFormationTemplate) {
  const dashboards = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const { DashboardName, DashboardBody } = props(dashboards[0]!) as {
    DashboardName: string;
    DashboardBody: { 'Fn::Join': [string, unknown[]] };
  };
  const body = DashboardBody['Fn::Join'][1]
    .map((part) =>
      typeof part === 'string' ? part : JSON.stringify(part) === '{"Ref":"AWS::Region"}' ? 'eu-west-1' : '?',
    )
    .join('');
  return { name: DashboardName, widgets: (JSON.parse(body) as { widgets: DashboardWidget[] }).widgets };
}

const titled = (widgets: DashboardWidget[], title: RegExp) =>
  widgets.filter((w) => title.test(String(w.properties.title)));
const metricsOf = (widget: DashboardWidget) => widget.properties.metrics as unknown[][];

/**
 * What `serverless package` makes of each service's observability: X-Ray on every function (and the
 * permission Lambda requires for it), JSON access logs on every API stage (none of which can be traced:
 * API Gateway traces REST APIs only), and one dashboard per service whose widgets cover every queue and
 * every function of the template, and the bus's EMF metrics.
 */
describe.each(SERVICES)('observability of %s, as packaged', (service) => {
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    template = await packageService(path.join(servicesDir, service), 'ci');
  }, 180_000);

  const functions = () => Object.entries(resourcesOfType(template, 'AWS::Lambda::Function'));

  it('traces every function with X-Ray (active), each with a role allowed to send segments', () => {
    expect(functions().length).toBeGreaterThan(0);
    for (const [id, fn] of functions()) {
      expect({ id, tracing: props(fn).TracingConfig }).toEqual({ id, tracing: { Mode: 'Active' } });
      const roleRef = props(fn).Role as { 'Fn::GetAtt': [string, string] };
      const role = template.Resources[roleRef['Fn::GetAtt'][0]]!;
      const statements = (props(role).Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
        (p) => p.PolicyDocument.Statement,
      );
      const xray = statements.filter((s) => [s.Action].flat().includes('xray:PutTraceSegments'));
      expect({ id, xray: xray.map((s) => [s.Action].flat().sort()) }).toEqual({
        id,
        xray: [['xray:PutTelemetryRecords', 'xray:PutTraceSegments']],
      });
    }
  });

  it('has no REST API stage (the only kind X-Ray traces); its HTTP and WebSocket stages log access as JSON', () => {
    expect(resourcesOfType(template, 'AWS::ApiGateway::Stage')).toEqual({});
    for (const [id, stage] of Object.entries(resourcesOfType(template, 'AWS::ApiGatewayV2::Stage'))) {
      const { Format } = props(stage).AccessLogSettings as { Format: string };
      const format = JSON.parse(Format) as Record<string, string>;
      expect({ id, requestId: format.requestId }).toEqual({ id, requestId: '$context.requestId' });
      // Nothing that could carry a token: no query string, no request headers.
      expect(Format).not.toMatch(/querystring|\$request\.|\$context\.requestOverride/i);
    }
    const websocket = template.Resources.WebsocketsDeploymentStage;
    if (websocket) {
      expect(props(websocket).DefaultRouteSettings).toEqual({ DataTraceEnabled: false, LoggingLevel: 'OFF' });
    }
    const http = template.Resources.HttpApiStage;
    if (http) {
      const format = JSON.parse((props(http).AccessLogSettings as { Format: string }).Format);
      expect(format.integrationRequestId).toBe('$context.integration.requestId');
    }
    // The account's API Gateway logging role is set once per account, not by a custom resource here.
    expect(Object.values(template.Resources).filter((r) => r.Type.startsWith('Custom::'))).toEqual([]);
  });

  it('has one dashboard named after the service and stage', () => {
    expect(dashboardOf(template).name).toBe(`${service}-ci`);
  });

  it("charts every queue's depth and age of oldest message, and every dead-letter queue's depth", () => {
    const { widgets } = dashboardOf(template);
    const charted = (title: RegExp, metric: string) =>
      titled(widgets, title).flatMap((w) =>
        metricsOf(w)
          .filter((m) => m[0] === 'AWS/SQS' && m[1] === metric)
          .map((m) => m[3]),
      );
    const queues = Object.values(resourcesOfType(template, 'AWS::SQS::Queue')).map((q) => props(q).QueueName as string);
    const deadLetters = queues.filter((q) => /dlq(\.fifo)?$/.test(q));
    const sources = queues.filter((q) => !deadLetters.includes(q));
    expect(sources.length).toBeGreaterThan(0);
    expect(charted(/queue depth$/, 'ApproximateNumberOfMessagesVisible').sort()).toEqual([...sources].sort());
    expect(charted(/age of oldest message/, 'ApproximateAgeOfOldestMessage').sort()).toEqual([...sources].sort());
    expect(charted(/DLQ depth|dead-letter queues/, 'ApproximateNumberOfMessagesVisible').sort()).toEqual(
      [...deadLetters].sort(),
    );
  });

  it("charts every function's errors, p99 duration and throttles", () => {
    const { widgets } = dashboardOf(template);
    const names = functions()
      .map(([, fn]) => props(fn).FunctionName as string)
      .sort();
    for (const [title, metric, stat] of [
      [/errors/, 'Errors', 'Sum'],
      [/duration/, 'Duration', 'p99'],
      [/throttles/, 'Throttles', 'Sum'],
    ] as const) {
      const [widget] = titled(widgets, title);
      const rows = metricsOf(widget!);
      expect(
        rows.every((m) => m[0] === 'AWS/Lambda' && m[1] === metric && (m[4] as { stat: string }).stat === stat),
      ).toBe(true);
      expect(rows.map((m) => m[3]).sort()).toEqual(names);
    }
  });

  it("charts the bus's EMF metrics in the service's namespace, per consumer and type", () => {
    const { widgets } = dashboardOf(template);
    const expressions = widgets.flatMap((w) =>
      metricsOf(w)
        .flat()
        .filter((m): m is { expression: string } => typeof m === 'object' && m !== null && 'expression' in m)
        .map((m) => m.expression),
    );
    const ns = meshMetricsNamespace(service);
    expect(expressions.sort()).toEqual(
      [
        `SEARCH('{${ns},service,type} MetricName="${MESH_METRIC_NAMES.eventsPublished}"', 'Sum', 60)`,
        `SEARCH('{${ns},service,type} MetricName="${MESH_METRIC_NAMES.putEventsFailedEntries}"', 'Sum', 60)`,
        `SEARCH('{${ns},consumer,service,type} MetricName="${MESH_METRIC_NAMES.messagesHandled}"', 'Sum', 60)`,
        `SEARCH('{${ns},consumer,service,type} MetricName="${MESH_METRIC_NAMES.messagesFailed}"', 'Sum', 60)`,
        `SEARCH('{${ns},consumer,service,type} MetricName="${MESH_METRIC_NAMES.messagesRetried}"', 'Sum', 60)`,
        `SEARCH('{${ns},consumer,service,type} MetricName="${MESH_METRIC_NAMES.duplicatesSuppressed}"', 'Sum', 60)`,
        `SEARCH('{${ns},consumer,service,type} MetricName="${MESH_METRIC_NAMES.eventsUpcast}"', 'Sum', 60)`,
        `SEARCH('{${ns},consumer,service,type} MetricName="${MESH_METRIC_NAMES.endToEndLag}"', 'p99', 60)`,
      ].sort(),
    );
    for (const widget of widgets) expect(widget.properties.region).toBe('eu-west-1');
  });
});

import { applyParams, paramPlaceholder } from '../../src';

describe('applyParams', () => {
  it('puts each param value where its placeholder stands, inside longer strings too', () => {
    const template = {
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Environment: { Variables: { BUS: paramPlaceholder('eventBusName') } },
            Policy: `arn:aws:sqs:us-east-1:000000000000:${paramPlaceholder('queueName')}`,
          },
        },
      },
    };
    expect(applyParams(template, { eventBusName: 'mesh-dev', queueName: 'q.fifo' })).toEqual({
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Environment: { Variables: { BUS: 'mesh-dev' } },
            Policy: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
          },
        },
      },
    });
  });

  it('keeps a value with quotes or backslashes intact', () => {
    const value = 'a "quoted" \\ value';
    expect(applyParams({ v: paramPlaceholder('p') }, { p: value })).toEqual({ v: value });
  });

  it('leaves a template without placeholders unchanged', () => {
    const template = { Resources: { T: { Type: 'AWS::DynamoDB::Table' } } };
    expect(applyParams(template, { unused: 'x' })).toEqual(template);
  });
});

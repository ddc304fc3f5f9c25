import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readComposeFile, resolveParams } from '../../../src/runner/composeFile';
import { ComposeFileError } from '../../../src/runner/errors';

describe('readComposeFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
    mkdirSync(path.join(dir, 'services/bus'), { recursive: true });
    mkdirSync(path.join(dir, 'services/loans'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (text: string) => {
    const file = path.join(dir, 'serverless-compose.yml');
    writeFileSync(file, text);
    return file;
  };

  it('lists the services in file order, with their params and what those refer to', () => {
    const file = write(
      [
        '# comment',
        'services:',
        '  bus:',
        '    path: services/bus',
        '  loans:',
        '    path: services/loans',
        '    params:',
        '      eventBusName: ${bus.EventBusName}',
        '      greeting: hello',
      ].join('\n'),
    );
    expect(readComposeFile(file)).toEqual([
      { name: 'bus', dir: path.join(dir, 'services/bus'), params: {}, dependsOn: [] },
      {
        name: 'loans',
        dir: path.join(dir, 'services/loans'),
        params: { eventBusName: '${bus.EventBusName}', greeting: 'hello' },
        dependsOn: ['bus'],
      },
    ]);
  });

  it('refuses a reference to a service it does not list', () => {
    const file = write('services:\n  loans:\n    path: services/loans\n    params:\n      x: ${billing.Out}\n');
    expect(() => readComposeFile(file)).toThrow(ComposeFileError);
    expect(() => readComposeFile(file)).toThrow('unknown service(s) billing');
  });

  it('refuses a missing file, a service without a path and a path that does not exist', () => {
    expect(() => readComposeFile(path.join(dir, 'nope.yml'))).toThrow('does not exist');
    expect(() => readComposeFile(write('services:\n  bus: {}\n'))).toThrow('service bus has no path');
    expect(() => readComposeFile(write('services:\n  bus:\n    path: services/gone\n'))).toThrow('does not exist');
  });
});

describe('resolveParams', () => {
  it('replaces ${service.Output} with the output provisioned offline', () => {
    expect(
      resolveParams(
        { eventBusName: '${bus.EventBusName}', arn: 'x-${bus.Arn}-y', plain: 'p' },
        {
          bus: { EventBusName: 'mesh-dev', Arn: 'arn:1' },
        },
      ),
    ).toEqual({ eventBusName: 'mesh-dev', arn: 'x-arn:1-y', plain: 'p' });
  });

  it('refuses an output the service does not have', () => {
    expect(() => resolveParams({ a: '${bus.Missing}' }, { bus: {} })).toThrow(
      'param a: ${bus.Missing} is not an output of service bus',
    );
  });
});

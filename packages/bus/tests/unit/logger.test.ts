import { Logger } from '@aws-lambda-powertools/logger';
import { withKeys, writesDebug } from '../../src/logger';

/** A Powertools logger whose JSON lines are captured from the streams it writes to. */
function capturingLogger(options: ConstructorParameters<typeof Logger>[0] = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = new Logger({ serviceName: 'logger-test', ...options });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = chunk.toString();
      if (!text.includes('"logger-test"')) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    });
  }
  return { logger, lines };
}

afterEach(() => jest.restoreAllMocks());

describe('withKeys', () => {
  it('writes its keys on every line, beside each line’s own, at each level', () => {
    const { logger, lines } = capturingLogger({ logLevel: 'DEBUG' });
    const log = withKeys(logger, { eventId: 'e1', correlationId: 'c1' });

    log.debug('d', { step: 1 });
    log.info('i');
    log.warn('w', { step: 3 }, { extra: true });
    log.error('e');

    expect(lines.map((l) => [l.level, l.message, l.eventId, l.correlationId])).toEqual([
      ['DEBUG', 'd', 'e1', 'c1'],
      ['INFO', 'i', 'e1', 'c1'],
      ['WARN', 'w', 'e1', 'c1'],
      ['ERROR', 'e', 'e1', 'c1'],
    ]);
    expect(lines[0]).toMatchObject({ step: 1 });
    expect(lines[2]).toMatchObject({ step: 3, extra: true });
  });

  it('leaves the logger it binds unchanged', () => {
    const { logger, lines } = capturingLogger({ logLevel: 'INFO' });
    withKeys(logger, { eventId: 'e1' }).info('bound');
    logger.info('plain');
    expect(lines.find((l) => l.message === 'plain')).not.toHaveProperty('eventId');
  });
});

describe('writesDebug', () => {
  it('is true when the level lets debug lines through', () => {
    expect(writesDebug(new Logger({ logLevel: 'DEBUG' }))).toBe(true);
    expect(writesDebug(new Logger({ logLevel: 'TRACE' }))).toBe(true);
  });

  it('is false when the level drops them and nothing buffers them', () => {
    expect(writesDebug(new Logger({ logLevel: 'INFO' }))).toBe(false);
    expect(writesDebug(new Logger({ logLevel: 'SILENT' }))).toBe(false);
  });

  it('is true when a log buffer keeps debug lines to print on an error, false when it is off', () => {
    expect(writesDebug(new Logger({ logLevel: 'INFO', logBufferOptions: { enabled: true } }))).toBe(true);
    expect(writesDebug(new Logger({ logLevel: 'WARN', logBufferOptions: { bufferAtVerbosity: 'DEBUG' } }))).toBe(true);
    expect(writesDebug(new Logger({ logLevel: 'INFO', logBufferOptions: { enabled: false } }))).toBe(false);
  });

  it('follows a level changed at run time', () => {
    const logger = new Logger({ logLevel: 'INFO' });
    logger.setLogLevel('DEBUG');
    expect(writesDebug(logger)).toBe(true);
  });
});

import { idsOfEvent, idsOfMessageBody } from '../../../src/trace';

const event = {
  version: '0',
  id: 'aws-1',
  'detail-type': 'BookLent',
  source: 'mesh.loans',
  detail: { eventId: 'evt-1', correlationId: 'cor-1', causationId: 'req-1', data: {} },
};

describe('idsOfEvent', () => {
  it("reads EventBridge's id, detail-type, source and the envelope's ids", () => {
    expect(idsOfEvent(event)).toEqual({
      awsEventId: 'aws-1',
      name: 'BookLent',
      source: 'mesh.loans',
      eventId: 'evt-1',
      correlationId: 'cor-1',
      causationId: 'req-1',
    });
  });

  it('leaves out what an event without the envelope lacks', () => {
    expect(idsOfEvent({ id: 'aws-2', 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} })).toEqual({
      awsEventId: 'aws-2',
      name: 'Scheduled Event',
      source: 'aws.events',
    });
    expect(idsOfEvent('not an event')).toEqual({});
  });
});

describe('idsOfMessageBody', () => {
  it('reads a command envelope: commandId as eventId, its name and ids', () => {
    const body = JSON.stringify({
      commandId: 'cmd-1',
      name: 'ReserveCopy',
      version: 1,
      correlationId: 'cor-1',
      causationId: 'evt-1',
      data: {},
    });
    expect(idsOfMessageBody(body)).toEqual({
      eventId: 'cmd-1',
      name: 'ReserveCopy',
      correlationId: 'cor-1',
      causationId: 'evt-1',
      command: true,
    });
  });

  it('reads the EventBridge event a rule delivered', () => {
    expect(idsOfMessageBody(JSON.stringify(event))).toEqual(idsOfEvent(event));
  });

  it('reads a bare envelope (a target with InputPath $.detail)', () => {
    expect(idsOfMessageBody(JSON.stringify(event.detail))).toEqual({
      eventId: 'evt-1',
      correlationId: 'cor-1',
      causationId: 'req-1',
    });
  });

  it.each([undefined, '', 'plain text', '{broken', '[1,2]', '"a string"'])('gives nothing for %j', (body) => {
    expect(idsOfMessageBody(body)).toEqual({});
  });
});

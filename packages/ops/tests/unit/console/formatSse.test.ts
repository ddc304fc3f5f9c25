import { formatSse } from '../../../src/console/eventStream';

describe('formatSse', () => {
  it('writes one server-sent event: its id when given, its name and one line of JSON', () => {
    expect(formatSse('hop', { seq: 7, note: 'two\nlines' }, 7)).toBe(
      'id: 7\nevent: hop\ndata: {"seq":7,"note":"two\\nlines"}\n\n',
    );
    expect(formatSse('queues', [])).toBe('event: queues\ndata: []\n\n');
  });
});

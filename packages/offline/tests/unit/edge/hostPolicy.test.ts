import { createHostPolicy, isLoopbackHost } from '../../../src/edge/hostPolicy';

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.1:4566',
    'localhost',
    'LOCALHOST:4566',
    '[::1]',
    '[::1]:4566',
    'bucket.localhost:4566',
  ])('accepts %s', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each(['evil.example', 'evil.example:4566', '127.0.0.1.evil.example', 'localhost.evil.example', '[::2]:4566', ''])(
    'refuses %s',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('createHostPolicy', () => {
  it('serves an allowed host with or without a port, and only that host', () => {
    const policy = createHostPolicy({ allowedHosts: ['devbox.lan'] });

    expect(policy.hostAllowed('devbox.lan')).toBe(true);
    expect(policy.hostAllowed('DevBox.lan:4566')).toBe(true);
    expect(policy.hostAllowed('other.lan:4566')).toBe(false);
    expect(policy.hostAllowed(undefined)).toBe(false);
  });

  it('pins an allowed host given with a port to that port', () => {
    const policy = createHostPolicy({ allowedHosts: ['devbox.lan:4566'] });

    expect(policy.hostAllowed('devbox.lan:4566')).toBe(true);
    expect(policy.hostAllowed('devbox.lan:80')).toBe(false);
  });

  it('accepts no Origin (not a browser) and loopback origins, refuses others and null', () => {
    const policy = createHostPolicy();

    expect(policy.originAllowed(undefined)).toBe(true);
    expect(policy.originAllowed('http://localhost:5173')).toBe(true);
    expect(policy.originAllowed('http://127.0.0.1:4000')).toBe(true);
    expect(policy.originAllowed('https://evil.example')).toBe(false);
    expect(policy.originAllowed('http://localhost.evil.example')).toBe(false);
    expect(policy.originAllowed('null')).toBe(false);
    expect(policy.originAllowed('file://localhost')).toBe(false);
  });

  it('accepts an allowed origin', () => {
    const policy = createHostPolicy({ allowedOrigins: ['https://app.example.test/'] });

    expect(policy.originAllowed('https://app.example.test')).toBe(true);
    expect(policy.originAllowed('https://other.example.test')).toBe(false);
  });
});

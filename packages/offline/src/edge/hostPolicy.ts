/**
 * Which `Host` and `Origin` headers a local endpoint serves. A web page on a hostile domain that resolves to
 * 127.0.0.1 (DNS rebinding) reaches us with its own name in `Host`, and any page can make the developer's
 * browser send requests here with its own `Origin`: both must be refused, or a web page can read and write the
 * developer's local tables and queues.
 */
export interface HostPolicy {
  /** True when the `Host` header names the loopback (with or without a port) or an allowed host. */
  hostAllowed(hostHeader: string | undefined): boolean;
  /** True when there is no `Origin` (not a browser) or it is a loopback or allowed origin. */
  originAllowed(originHeader: string | undefined): boolean;
}

export interface HostPolicyOptions {
  /** Hosts served besides the loopback, with or without a port (`devbox.lan`, `devbox.lan:4566`). */
  allowedHosts?: readonly string[];
  /** Browser origins served besides the loopback's, e.g. `https://app.example.test`. */
  allowedOrigins?: readonly string[];
}

/** 127.0.0.1 (and the rest of 127/8), localhost and its subdomains (RFC 6761: they never leave the machine), ::1. */
const LOOPBACK_HOST = /^(127(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)*localhost|\[::1\])(?::\d{1,5})?$/i;

/** The host name of a `Host` header, without its port. */
function hostnameOf(hostHeader: string): string {
  const bracketed = /^(\[[^\]]+\])(?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** True when `hostHeader` (a `Host` header: name and optional port) names this machine's loopback. */
export function isLoopbackHost(hostHeader: string): boolean {
  return LOOPBACK_HOST.test(hostHeader);
}

/**
 * The policy the edge endpoint and the console share: loopback `Host`s only (plus those allowed), and no
 * browser `Origin` but the loopback's (plus those allowed). An `Origin` of `null` (a sandboxed frame, a file)
 * is refused.
 *
 * @example
 * const policy = createHostPolicy({ allowedHosts: ['devbox.lan'] });
 * policy.hostAllowed('localhost:4566'); // true
 * policy.hostAllowed('evil.example:4566'); // false
 * policy.originAllowed('https://evil.example'); // false
 */
export function createHostPolicy(options: HostPolicyOptions = {}): HostPolicy {
  const hosts = new Set((options.allowedHosts ?? []).map((host) => host.toLowerCase()));
  const origins = new Set((options.allowedOrigins ?? []).map((origin) => origin.toLowerCase().replace(/\/$/, '')));
  const hostAllowed = (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    const host = hostHeader.toLowerCase();
    return isLoopbackHost(host) || hosts.has(host) || hosts.has(hostnameOf(host));
  };
  return {
    hostAllowed,
    originAllowed(originHeader) {
      if (originHeader === undefined) return true;
      const origin = originHeader.toLowerCase();
      if (origins.has(origin)) return true;
      if (!URL.canParse(origin)) return false;
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && hostAllowed(url.host);
    },
  };
}

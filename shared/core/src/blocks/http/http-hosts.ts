import { HttpHostRefusedError } from './http-errors';

/**
 * Which hosts an http block may reach. The Backstage backend sends only to the hosts its config
 * lists (`switchyard.http.allowedHosts`); the CLI and VS Code, where the operator trusts the
 * runbook as for `sh` blocks, pass no list (any host).
 *
 * An entry is a host name or IP literal (`maint.internal`, `10.0.0.7`, `[::1]`), optionally with a
 * port (`maint.internal:8443`; without one any port), or `*.example.com` for every subdomain of
 * `example.com` (not `example.com` itself). Names compare case-insensitively; the URL parser has
 * already reduced the request's host to its canonical form (lower case, punycode, IPv4 dotted).
 */
export interface HostAllowList {
  /** Entries as configured, for messages. */
  entries: readonly string[];
  /** Where the list is configured, for messages (`switchyard.http.allowedHosts`). */
  setting: string;
}

/** Whether `url`'s host is on the list; undefined when allowed, else the refusal. */
export function checkAllowedHost(url: URL, list: HostAllowList | undefined): HttpHostRefusedError | undefined {
  if (!list) return undefined;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const allowed = list.entries.some((entry) => matches(entry.trim().toLowerCase(), host, port));
  return allowed ? undefined : new HttpHostRefusedError(url.host, list);
}

function matches(entry: string, host: string, port: string): boolean {
  if (!entry) return false;
  // `[::1]:8080`, `[::1]`, `name:8080`, `name`
  const parts = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  if (!parts) return false;
  const [, written, entryPort] = parts;
  if (entryPort !== undefined && Number(entryPort) !== Number(port)) return false;
  if (written.startsWith('*.')) {
    const suffix = canonicalHost(written.slice(2));
    return suffix !== undefined && host.endsWith(`.${suffix}`);
  }
  return canonicalHost(written) === host;
}

/**
 * An entry's name as the URL parser writes a request's host (`[0:0::1]` → `[::1]`, `MAINT.internal`
 * → `maint.internal`, `0x0a.0.0.7` → `10.0.0.7`), so one host spelled two ways is one host;
 * undefined when it is no host at all.
 */
function canonicalHost(name: string): string | undefined {
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * An allow-list from configuration, checked: each entry a host name or IP literal with an optional
 * port, or `*.domain`. Throws naming every malformed entry (a scheme, a path, a bare `*`).
 */
export function hostAllowList(entries: readonly string[], setting: string): HostAllowList {
  const bad = entries.filter((e) => !/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(e.trim()));
  if (bad.length)
    throw new Error(
      `${setting}: ${bad.map((e) => JSON.stringify(e)).join(', ')} ${bad.length > 1 ? 'are not host names' : 'is not a host name'}; ` +
        'list hosts as `maint.internal`, `maint.internal:8443`, `10.0.0.7`, `[::1]:8080` or `*.internal` (no scheme, no path)',
    );
  return { entries: entries.map((e) => e.trim()), setting };
}

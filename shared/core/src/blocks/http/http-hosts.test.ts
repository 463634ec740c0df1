import { checkAllowedHost, hostAllowList } from './http-hosts';

describe('the http host allow-list', () => {
  const list = hostAllowList(
    ['maint.internal', 'api.internal:8443', '*.svc.internal', '10.0.0.7', '[::1]:8080'],
    'switchyard.http.allowedHosts',
  );
  const allowed = (url: string) => checkAllowedHost(new URL(url), list) === undefined;

  it('matches names case-insensitively, ports when given, subdomains for *.', () => {
    expect(allowed('https://MAINT.internal/x')).toBe(true);
    expect(allowed('http://maint.internal:9000/x')).toBe(true);
    expect(allowed('https://api.internal:8443/')).toBe(true);
    expect(allowed('https://api.internal/')).toBe(false); // 443, not 8443
    expect(allowed('https://a.svc.internal/')).toBe(true);
    expect(allowed('https://a.b.svc.internal/')).toBe(true);
    expect(allowed('https://svc.internal/')).toBe(false);
    expect(allowed('https://evilsvc.internal/')).toBe(false);
    expect(allowed('http://10.0.0.7/')).toBe(true);
    expect(allowed('http://0x0a.0.0.7/')).toBe(true); // the URL parser canonicalizes IPv4 first
    expect(allowed('http://[::1]:8080/')).toBe(true);
    expect(allowed('http://[::1]:8081/')).toBe(false);
    expect(allowed('https://maint.internal.evil.com/')).toBe(false);
    expect(allowed('https://maint.internal@evil.com/')).toBe(false);
  });

  it('reads an entry as the URL parser reads a host: one host spelled two ways is one host', () => {
    const spelled = hostAllowList(['MAINT.Internal', '[0:0:0:0:0:0:0:1]:08080', '*.SVC.internal', '0x0a.0.0.8'], 'x');
    const ok = (url: string) => checkAllowedHost(new URL(url), spelled) === undefined;
    expect(ok('https://maint.internal/')).toBe(true);
    expect(ok('http://[::1]:8080/')).toBe(true);
    expect(ok('http://[::1]:8081/')).toBe(false);
    expect(ok('https://a.svc.internal/')).toBe(true);
    expect(ok('http://10.0.0.8/')).toBe(true);
    expect(ok('http://10.0.0.9/')).toBe(false);
    expect(ok('https://maint.internal./')).toBe(false); // a trailing dot is not on the list
  });

  it('says that a trailing dot is another spelling', () => {
    expect(checkAllowedHost(new URL('https://maint.internal./'), list)?.message).toMatch(/write the URL without the dot\)$/);
  });

  it('refuses everything when empty, naming the setting', () => {
    const refusal = checkAllowedHost(new URL('https://maint.internal/'), hostAllowList([], 'switchyard.http.allowedHosts'));
    expect(refusal?.message).toMatch(
      /^maint\.internal is not on this host's allow-list for http blocks \(switchyard\.http\.allowedHosts: empty\); nothing was sent/,
    );
    expect(checkAllowedHost(new URL('https://x.internal/'), undefined)).toBeUndefined();
  });

  it('refuses malformed entries when the list is read, naming each', () => {
    expect(() => hostAllowList(['https://maint.internal', 'a/b', '*', 'ok.internal'], 'switchyard.http.allowedHosts')).toThrow(
      'switchyard.http.allowedHosts: "https://maint.internal", "a/b", "*" are not host names; list hosts as',
    );
  });
});

import { ConfigReader } from '@backstage/config';
import { readSwitchyardSettings } from './config';

const settings = (switchyard: object) =>
  readSwitchyardSettings(new ConfigReader({ switchyard: { runbookDirs: ['runbooks'], ...switchyard } }));

describe('switchyard.http', () => {
  it('defaults to no allowed host and no secret: every http request is refused', () => {
    expect(settings({}).http).toEqual({ allowedHosts: [], secrets: {} });
  });

  it('reads the allow-list and the named secrets', () => {
    expect(
      settings({
        http: { allowedHosts: ['orders.internal', 'pay.internal:8443', '*.svc.internal'], secrets: { maintenance_token: 's3cr3t-value' } },
      }).http,
    ).toEqual({
      allowedHosts: ['orders.internal', 'pay.internal:8443', '*.svc.internal'],
      secrets: { maintenance_token: 's3cr3t-value' },
    });
  });

  it('stops the backend at start on a malformed host, naming it and the setting', () => {
    expect(() => settings({ http: { allowedHosts: ['https://orders.internal/admin'] } })).toThrow(
      'switchyard.http.allowedHosts: "https://orders.internal/admin" is not a host name; list hosts as',
    );
  });
});

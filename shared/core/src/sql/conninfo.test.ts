import { ConninfoError, renderConninfo } from './conninfo';
import { MissingPasswordError } from './credentials';

const green = { name: 'green', host: 'green.example', port: 5432, database: 'app', user: 'repl', ssl: 'verify-full' as const };

describe('renderConninfo', () => {
  it('names the server as the connection does, without a password when none is configured', () => {
    expect(renderConninfo(green, {})).toEqual({
      text: "host='green.example' port='5432' dbname='app' user='repl' sslmode='verify-full'",
      display: "host='green.example' port='5432' dbname='app' user='repl' sslmode='verify-full'",
    });
  });

  it('keeps a value with spaces, quotes and backslashes one value (libpq quoting), and a password out of display', () => {
    const c = renderConninfo({ ...green, database: "a b' host=evil", passwordEnv: 'PW' }, { PW: 'p w\\' });
    expect(c.text).toContain("dbname='a b\\' host=evil'");
    expect(c.text).toContain("password='p w\\\\'");
    expect(c.display).toContain("password='********'");
    expect(c.display).not.toContain('p w');
  });

  it('refuses IAM connections (a subscription cannot renew a 15-minute token) and a password variable that is not set', () => {
    expect(() => renderConninfo({ ...green, iam: {} }, {})).toThrow(ConninfoError);
    expect(() => renderConninfo({ ...green, passwordEnv: 'NOPE' }, {})).toThrow(MissingPasswordError);
  });
});

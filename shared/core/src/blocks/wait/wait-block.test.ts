import { oneBlock } from '../common/testing/one-block';
import type { WaitBlock } from './wait-block';

describe('wait', () => {
  it('defaults for, interval and output; reads on-failure', () => {
    const { block: wait, codes } = oneBlock(
      'wait',
      'observe: { c: { cluster: "{{ cluster }}", region: us-west-2 } }\nuntil: c.allAvailable\ntimeout: 1h30m\non-failure: rollback',
    );
    expect(codes).toEqual([]);
    expect(wait as WaitBlock).toMatchObject({
      observe: { c: { kind: 'cluster', id: '{{ cluster }}', region: 'us-west-2' } },
      until: { that: 'c.allAvailable', pos: { line: 9, column: 8 } },
      holdSeconds: 0,
      timeoutSeconds: 5400,
      intervalSeconds: 5,
      output: {},
      onFailure: 'rollback',
      templates: [{ expr: 'cluster', pos: { line: 8, column: 27 } }],
    });
  });

  it('accepts `until` with a message and reports a bad duration and a missing until', () => {
    expect((oneBlock('wait', 'until: { that: "true", message: done }\ntimeout: 1m').block as WaitBlock).until.message).toBe('done');
    expect(oneBlock('wait', 'until: "true"\ntimeout: 5 minutes').codes).toEqual(['9:10 invalid-duration']);
    expect(oneBlock('wait', 'timeout: 5m').codes).toEqual(['7:1 missing-until']);
  });

  it('reports unknown keys with the closest one', () => {
    const { codes } = oneBlock('wait', 'until: "true"\ntimout: 5m');
    expect(codes).toEqual(['7:1 wait-without-timeout', '9:1 unknown-key']);
  });
});

import { oneBlock } from '../common/testing/one-block';
import type { CheckBlock } from './check-block';

describe('check', () => {
  it('reads every observe source kind with defaults', () => {
    const body = [
      'observe:',
      '  i: { instance: "{{ cluster }}-1" }',
      '  g: { global-cluster: gdb }',
      '  bg: { blue-green: bgd-123 }',
      '  m: { metric: CPUUtilization, dimensions: { DBInstanceIdentifier: x } }',
      '  a: { alarms: { prefix: "{{ cluster }}-" } }',
      '  all: { alarms: }',
      '  e: { events: { source: "{{ cluster }}", minutes: 30 } }',
      'expect: [ a.allOk ]',
      'for: 10m',
    ].join('\n');
    const { block: check, codes } = oneBlock('check', body);
    expect(codes).toEqual([]);
    expect((check as CheckBlock).observe).toEqual({
      i: { kind: 'instance', id: '{{ cluster }}-1' },
      g: { kind: 'global-cluster', id: 'gdb' },
      bg: { kind: 'blue-green', id: 'bgd-123' },
      m: {
        kind: 'metric',
        name: 'CPUUtilization',
        namespace: 'AWS/RDS',
        dimensions: { DBInstanceIdentifier: 'x' },
        stat: 'Maximum',
        periodSeconds: 60,
        windowSeconds: 300,
      },
      a: { kind: 'alarms', prefix: '{{ cluster }}-' },
      all: { kind: 'alarms' },
      e: { kind: 'events', sourceId: '{{ cluster }}', sourceType: 'db-cluster', minutes: 30 },
    });
    expect(check).toMatchObject({ holdSeconds: 600, intervalSeconds: 10 });
  });

  it('reports bad observe sources', () => {
    expect(oneBlock('check', 'observe: { c: { clustr: x } }\nexpect: [ "true" ]').codes).toEqual(['8:15 invalid-observe']);
    expect(oneBlock('check', 'observe: { steps: { cluster: x } }\nexpect: [ "true" ]').codes).toEqual(['8:12 invalid-observe-name']);
    expect(oneBlock('check', 'observe: { c: { cluster: x, stat: Maximum } }\nexpect: [ "true" ]').codes).toEqual(['8:29 unknown-key']);
  });

  it('lets an observe name hide a param inside its block (the param stays params.<name>)', () => {
    expect(
      oneBlock('check', 'observe: { cluster: { cluster: "{{ cluster }}" } }\nexpect: [ cluster.writer != params.cluster ]').codes,
    ).toEqual([]);
  });

  it('needs guards or outputs; output names are identifiers', () => {
    expect(oneBlock('check', 'observe: { c: { cluster: x } }').codes).toEqual(['7:1 missing-expect']);
    expect(oneBlock('check', 'output: { old-writer: "1" }').codes).toEqual(['8:11 invalid-output-name']);
  });
});

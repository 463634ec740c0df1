import { evaluateLag } from './replication-lag';
import { evaluateSlots, slotFromRow } from './replication-slots';
import { compareSettings } from './settings-drift';

describe('replication slots verdict', () => {
  const source = { connection: 'blue', maxRetainedBytes: 1024 ** 3, allowInactive: [] as string[] };
  const active = slotFromRow(['bg_sub', 'logical', 'pgoutput', 'app', 'true', 'false', '4096', 'reserved']);
  const orphan = slotFromRow(['old_bg', 'logical', 'pgoutput', 'app', 'false', 'false', String(3 * 1024 ** 3), 'extended']);

  it('passes healthy slots and names an inactive slot over the limit', () => {
    expect(evaluateSlots(source, [active])).toMatchObject({
      ok: true,
      message: '1 replication slot(s) on blue, all healthy; the largest retains 4 kB of WAL (limit 1 GB)',
    });
    const view = evaluateSlots(source, [active, orphan]);
    expect(view).toMatchObject({ ok: false, inactive: ['old_bg'], overLimit: ['old_bg'], lost: [], maxRetainedBytes: 3 * 1024 ** 3 });
    expect(view.message).toBe('slot "old_bg" (logical, pgoutput) on blue is inactive and retains 3 GB of WAL — over the 1 GB limit');
    expect(evaluateSlots({ ...source, allowInactive: ['old_bg'] }, [orphan]).inactive).toEqual([]);
    expect(evaluateSlots(source, []).message).toBe('no replication slots on blue');
  });

  it('fails a slot that lost WAL it needs', () => {
    const lost = slotFromRow(['s', 'physical', null, null, 'true', 'false', null, 'lost']);
    expect(evaluateSlots(source, [lost])).toMatchObject({
      ok: false,
      lost: ['s'],
      message: 'slot "s" (physical) on blue has lost WAL it needs (wal_status lost) and retains no WAL',
    });
  });
});

describe('replication lag verdict', () => {
  const source = { connection: 'blue', replica: 'bg_sub', maxSeconds: 1 };

  it('passes a streaming replica under the limit', () => {
    const view = evaluateLag(source, [{ name: 'bg_sub', state: 'streaming', lagSeconds: 0.2, lagBytes: 2048 }]);
    expect(view).toMatchObject({
      ok: true,
      lagSeconds: 0.2,
      lagBytes: 2048,
      message: 'replica "bg_sub" of blue is streaming, 0.20 s behind (limit 1 s), 2 kB of WAL unconfirmed',
    });
  });

  it('fails a replica that is behind, catching up, or gone', () => {
    expect(evaluateLag(source, [{ name: 'bg_sub', state: 'streaming', lagSeconds: 2.5, lagBytes: 0 }]).message).toBe(
      'replica "bg_sub" of blue is 2.50 s behind (limit 1 s)',
    );
    expect(evaluateLag({ ...source, maxBytes: 1024 }, [{ name: 'bg_sub', state: 'catchup', lagSeconds: 0, lagBytes: 4096 }]).message).toBe(
      'replica "bg_sub" of blue is catchup, not streaming; replica "bg_sub" of blue has 4 kB of WAL to confirm (limit 1 kB)',
    );
    expect(evaluateLag(source, [])).toMatchObject({ ok: false, lagSeconds: null, lagBytes: null });
  });
});

describe('settings drift verdict', () => {
  const source = { left: 'blue', right: 'green', ignore: [] as string[] };
  const row = (name: string, value: string, unit: string | null = null) => [name, value, unit];

  it('names drifted parameters, ignores per-server ones, and lists one-sided ones apart', () => {
    const view = compareSettings(
      source,
      [row('work_mem', '4096', 'kB'), row('port', '5432'), row('jit', 'on'), row('old_param', 'x')],
      [row('work_mem', '8192', 'kB'), row('port', '5433'), row('jit', 'on'), row('new_param', 'y')],
    );
    expect(view).toMatchObject({
      ok: false,
      drift: [{ name: 'work_mem', left: '4096', right: '8192', unit: 'kB' }],
      onlyLeft: ['old_param'],
      onlyRight: ['new_param'],
      compared: 2,
      firstDifference: 'work_mem differs: blue 4096 kB, green 8192 kB',
    });
  });

  it('compares only the listed parameters, and names one neither side has', () => {
    const view = compareSettings(
      { ...source, only: ['jit', 'nope'] },
      [row('jit', 'on'), row('work_mem', '1')],
      [row('jit', 'on'), row('work_mem', '2')],
    );
    expect(view).toMatchObject({ ok: false, drift: [], message: 'no such parameter on either side: nope' });
  });
});

import { diffParameters } from './parameter-drift';

it('diffParameters names parameters set differently or in one group only, sorted', () => {
  expect(
    diffParameters({ work_mem: '16384', max_connections: '2000' }, { work_mem: '65536', max_connections: '2000', timezone: 'UTC' }),
  ).toEqual(['timezone', 'work_mem']);
  expect(diffParameters({ a: '1' }, { a: '1' })).toEqual([]);
});

import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { switchyardApiRef } from '../api/SwitchyardApi';
import { TestSwitchyardApi } from '../testing/TestSwitchyardApi';
import { useBackendConnection } from './useBackendConnection';

describe('useBackendConnection', () => {
  afterEach(() => jest.useRealTimers());

  it('goes disconnected on a failed health check, keeps the first failure time, and recovers on the next answer', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-03-02T10:00:00Z') });
    const api = new TestSwitchyardApi({});
    api.down = new Error('Failed to fetch');
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[switchyardApiRef, api]]}>{children}</TestApiProvider>
    );
    const { result } = renderHook(() => useBackendConnection(1000), { wrapper });
    await act(async () => undefined);
    expect(result.current).toEqual({ connected: false, since: '2026-03-02T10:00:00.000Z', cause: 'Failed to fetch' });
    api.down = new Error('502 Bad Gateway');
    await act(async () => jest.advanceTimersByTime(1000));
    expect(result.current).toEqual({ connected: false, since: '2026-03-02T10:00:00.000Z', cause: '502 Bad Gateway' });
    api.down = undefined;
    await act(async () => jest.advanceTimersByTime(1000));
    expect(result.current).toEqual({ connected: true });
  });
});

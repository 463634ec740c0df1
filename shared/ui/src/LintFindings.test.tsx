import { fireEvent, render, screen, within } from '@testing-library/react';
import { LintFindings } from './LintFindings';
import { TOPOLOGY } from './test-fixtures';

describe('LintFindings', () => {
  it('lists errors before warnings, each with its message, code and resources', () => {
    render(<LintFindings findings={TOPOLOGY.findings} />);
    const items = within(screen.getByRole('list', { name: 'Lint findings' })).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-severity'))).toEqual(['error', 'warning']);
    expect(items[0].textContent).toContain('prod-app has no reader in tier 0-1 in another AZ');
    expect(items[0].textContent).toContain('no-failover-target');
    expect(within(items[1]).getByRole('img', { name: 'warning' })).toBeTruthy();
    expect(items[1].textContent).toContain('prod-app-3');
  });

  it('hands a finding’s resources to onHighlight', () => {
    const seen: string[][] = [];
    render(<LintFindings findings={TOPOLOGY.findings} onHighlight={(r) => seen.push(r)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show prod-app-3' }));
    expect(seen).toEqual([['prod-app-3']]);
  });

  it('says there is nothing to fix when there are no findings', () => {
    render(<LintFindings findings={[]} />);
    expect(screen.getByTestId('lint-findings').textContent).toMatch(/No findings/);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

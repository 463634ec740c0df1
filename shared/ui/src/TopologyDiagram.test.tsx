import { render, screen, within } from '@testing-library/react';
import { TopologyDiagram } from './TopologyDiagram';
import { TOPOLOGY } from './test-fixtures';

describe('TopologyDiagram', () => {
  it('draws the writer on top with its promotion tier, apart from the reader columns', () => {
    render(<TopologyDiagram topology={TOPOLOGY} />);
    const writer = screen.getByTestId('instance-prod-app-1');
    expect(writer.getAttribute('data-role')).toBe('writer');
    expect(writer.textContent).toContain('tier 0');
    expect(writer.textContent).toContain('db.r6g.large');
    expect(writer.textContent).toContain('available');
    expect(writer.closest('[data-testid^="az-"]')).toBeNull();
    expect(screen.getByRole('group', { name: /^writer prod-app-1, db\.r6g\.large, available, tier 0$/ })).toBe(writer);
  });

  it('groups the readers by Availability Zone, each with tier and replica lag', () => {
    render(<TopologyDiagram topology={TOPOLOGY} />);
    const b = within(screen.getByRole('region', { name: 'Availability Zone us-east-1b' }));
    expect(b.getByTestId('instance-prod-app-2').getAttribute('data-role')).toBe('reader');
    expect(b.getByTestId('instance-prod-app-4')).toBeTruthy();
    expect(b.queryByTestId('instance-prod-app-3')).toBeNull();
    const c = screen.getByTestId('az-us-east-1c');
    const slow = within(c).getByTestId('instance-prod-app-3');
    expect(slow.textContent).toContain('tier 15');
    expect(slow.textContent).toContain('lag 2.5 s');
    expect(screen.getByTestId('instance-prod-app-2').textContent).toContain('lag 12 ms');
    expect(screen.getByTestId('instance-prod-app-4').textContent).toContain('lag n/a');
  });

  it('marks the reader Aurora would promote', () => {
    render(<TopologyDiagram topology={TOPOLOGY} />);
    expect(screen.getByTestId('instance-prod-app-2').textContent).toContain('failover target');
    expect(screen.getByTestId('instance-prod-app-4').textContent).not.toContain('failover target');
  });

  it('shows the Global Database regions, primary first, with the secondary replication lag', () => {
    render(<TopologyDiagram topology={TOPOLOGY} />);
    const global = screen.getByRole('region', { name: 'Global Database prod-global' });
    const regions = within(global).getAllByRole('listitem');
    expect(regions.map((r) => r.getAttribute('data-testid'))).toEqual(['region-us-east-1', 'region-eu-west-1']);
    expect(regions[0].textContent).toContain('primary');
    expect(regions[1].textContent).toContain('replication lag 850 ms');
    expect(regions[1].textContent).toContain('prod-app-eu');
  });

  it('draws a Blue/Green deployment as a blue and green pair with its stage', () => {
    render(<TopologyDiagram topology={TOPOLOGY} />);
    const pair = screen.getByRole('region', { name: 'Blue/Green deployment pg16-upgrade, ready' });
    expect(within(pair).getByTestId('bluegreen-bgd-abc123-blue').textContent).toContain('prod-app');
    const green = within(pair).getByTestId('bluegreen-bgd-abc123-green');
    expect(green.textContent).toContain('prod-app-green-x1');
    expect(green.textContent).toContain('engine 16.2');
    expect(green.textContent).toContain('2 instances');
  });

  it('says when green does not exist yet', () => {
    const provisioning = { ...TOPOLOGY, blueGreen: [{ ...TOPOLOGY.blueGreen[0], green: null, stage: 'provisioning' }] };
    render(<TopologyDiagram topology={provisioning} />);
    expect(screen.getByTestId('bluegreen-bgd-abc123-green').textContent).toContain('not created yet');
    expect(screen.getByTestId('bluegreen-bgd-abc123').getAttribute('data-stage')).toBe('provisioning');
  });

  it('highlights the resources it is given and no others', () => {
    render(<TopologyDiagram topology={TOPOLOGY} highlight={['prod-app-3']} />);
    expect(screen.getByTestId('instance-prod-app-3').getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId('instance-prod-app-2').getAttribute('data-highlighted')).toBeNull();
  });

  it('says so when there is no writer, and when readers are missing', () => {
    const noWriter = { ...TOPOLOGY, instances: [], azs: [], global: null, blueGreen: [], warnings: ['eu-west-1: could not be read'] };
    render(<TopologyDiagram topology={noWriter} />);
    expect(screen.getByText(/no writer/)).toBeTruthy();
    expect(screen.getByText(/no readers/)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Topology warnings' })).getByText('eu-west-1: could not be read')).toBeTruthy();
  });
});

describe('TopologyDiagram: a Global Database secondary', () => {
  it('shows a secondary as such, not as a cluster missing its writer', () => {
    const secondary = {
      ...TOPOLOGY,
      cluster: { ...TOPOLOGY.cluster, id: 'prod-app-eu', region: 'eu-west-1', writer: null },
      instances: TOPOLOGY.instances.filter((i) => i.role === 'reader'),
      blueGreen: [],
    };
    render(<TopologyDiagram topology={secondary} />);
    expect(screen.getByTestId('global-secondary').textContent).toContain('read-only replica of prod-global');
    expect(screen.queryByText(/no writer \(a failover may be in progress\)/)).toBeNull();
    // Its readers are not failover targets: there is no writer to fail over from.
    expect(screen.queryByText('failover target')).toBeNull();
  });

  it('still warns when a cluster outside a Global Database has no writer', () => {
    const midFailover = {
      ...TOPOLOGY,
      cluster: { ...TOPOLOGY.cluster, writer: null, globalClusterId: null },
      instances: TOPOLOGY.instances.filter((i) => i.role === 'reader'),
      global: null,
    };
    render(<TopologyDiagram topology={midFailover} />);
    expect(screen.getByText('no writer (a failover may be in progress)')).toBeTruthy();
    expect(screen.queryByTestId('global-secondary')).toBeNull();
  });
});

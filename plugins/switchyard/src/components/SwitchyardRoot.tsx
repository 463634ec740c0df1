import { Route, Routes } from 'react-router-dom';
import { FleetPage } from './FleetPage';
import { RolloutPage } from './Rollouts';

/** The plugin's page at its mount point (`/switchyard`): the fleet, and a rollout's page under it (`rollouts/:id`, rolloutRouteRef). */
export function SwitchyardRoot() {
  return (
    <Routes>
      <Route path="/" element={<FleetPage />} />
      <Route path="/rollouts/:id" element={<RolloutPage />} />
    </Routes>
  );
}

export { RolloutPage } from './RolloutPage';
export { RolloutsCard } from './RolloutsCard';
export { StartRolloutDialog } from './StartRolloutDialog';

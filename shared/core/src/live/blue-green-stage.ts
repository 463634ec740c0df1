/** The human stage of a Blue/Green deployment status, as the topology and fleet pages show it. */
export function blueGreenStage(status: string): string {
  switch (status) {
    case 'PROVISIONING':
      return 'provisioning';
    case 'AVAILABLE':
      return 'ready';
    case 'SWITCHOVER_IN_PROGRESS':
      return 'switching over';
    case 'SWITCHOVER_COMPLETED':
      return 'switched over';
    case 'SWITCHOVER_FAILED':
    case 'INVALID_CONFIGURATION':
    case 'PROVISIONING_FAILED':
      return 'failed';
    case 'DELETING':
      return 'deleting';
    default:
      return status.toLowerCase().replace(/_/g, ' ');
  }
}

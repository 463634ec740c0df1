/**
 * The life of a database through a Blue/Green deployment, as every front end shows it: which
 * stage it is in, what each environment is called at that stage, and which runbooks fit.
 *
 * A database is its production *name* (what applications connect to). RDS moves the name at the
 * switchover: green is renamed to blue's name and blue to `<name>-old1` (RDS User Guide,
 * "Switching a blue/green deployment": "the resources in the blue environment are renamed ... by
 * appending -old1"). So after the switchover the production cluster is the deployment's *target*,
 * and the deployment's *source* is the old environment: production's rollback window until the
 * deployment and the old environment are deleted (SwitchoverBlueGreenDeployment, botocore: "After
 * you switch over, production traffic is routed to the databases in the green environment").
 * Browser-safe: `@switchyard/core/model`.
 */

/**
 * - `before`: a green is being built or is ready (also after a failed switchover: AWS rolled back, nothing changed)
 * - `switching`: the switchover is under way (writes are blocked)
 * - `watch-window`: switched over; the old environment is still there to go back to
 * - `after`: the deployment is being deleted or is gone
 */
export type BlueGreenLifecycleStage = 'before' | 'switching' | 'watch-window' | 'after';

/**
 * Stage of a deployment by its `Status` (botocore rds 2014-10-31 service model, BlueGreenDeployment.Status:
 * SWITCHOVER_COMPLETED "Switchover from the blue environment to the green environment is complete",
 * SWITCHOVER_FAILED "Switchover was attempted but failed" — AWS rolled it back, so it can be tried again).
 */
export function lifecycleStageOf(status: string): BlueGreenLifecycleStage {
  switch (status) {
    case 'SWITCHOVER_IN_PROGRESS':
      return 'switching';
    case 'SWITCHOVER_COMPLETED':
      return 'watch-window';
    case 'DELETING':
      return 'after';
    default:
      // PROVISIONING, AVAILABLE, SWITCHOVER_FAILED, INVALID_CONFIGURATION, PROVISIONING_FAILED
      return 'before';
  }
}

/** What the two environments of a deployment are to the people running it, at a stage. */
export function environmentLabels(stage: BlueGreenLifecycleStage): { source: string; target: string } {
  if (stage === 'watch-window' || stage === 'after') {
    return { source: 'Old environment (rollback window)', target: 'Production (new)' };
  }
  if (stage === 'switching') return { source: 'Blue (switching over)', target: 'Green (taking over)' };
  return { source: 'Blue (current production)', target: 'Green (new)' };
}

/** `-old1`, `-old2` …: the suffix RDS gives the old environment's resources at a switchover. */
const OLD_SUFFIX = /-old\d+$/;

/** The production name an old environment was renamed from (`prod-app-old1` → `prod-app`); undefined for any other name. */
export function productionNameOfOld(clusterId: string): string | undefined {
  return OLD_SUFFIX.test(clusterId) ? clusterId.replace(OLD_SUFFIX, '') : undefined;
}

/**
 * `-green-abc123`: the suffix RDS gives the copied resources of a green environment (Aurora User
 * Guide, "Overview of Amazon Aurora Blue/Green Deployments": the names are "appended with
 * -green-random-characters", e.g. `auroradb-green-abc123`; six lowercase letters and digits).
 */
const GREEN_SUFFIX = /-green-[a-z0-9]{6}$/;

/** The production name a green copy was made from (`prod-app-green-abc123` → `prod-app`); undefined for any other name. */
export function productionNameOfGreen(clusterId: string): string | undefined {
  return GREEN_SUFFIX.test(clusterId) ? clusterId.replace(GREEN_SUFFIX, '') : undefined;
}

/** The production cluster a parallel environment stands beside: the name before its `-oldN` or `-green-xxxxxx` suffix. */
export function productionNameOfCopy(clusterId: string): string | undefined {
  return productionNameOfOld(clusterId) ?? productionNameOfGreen(clusterId);
}

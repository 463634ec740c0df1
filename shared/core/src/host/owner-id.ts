import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A process's name for run leases, `host:pid:random`: stores may recognise a lease left by a dead
 * process on the same host (pid gone) and void it.
 */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

import { isAzDown, type FaultSet } from './faults';

/** The Availability Zones the simulator gives every region. */
export function availabilityZones(region: string): string[] {
  return [`${region}a`, `${region}b`, `${region}c`];
}

export function healthyAvailabilityZones(faults: FaultSet, region: string): string[] {
  return availabilityZones(region).filter((az) => !isAzDown(faults, region, az));
}

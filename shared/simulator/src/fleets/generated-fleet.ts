import { seededRandom } from '../model/ids';
import { availabilityZones } from '../model/regions';
import type { SimState } from '../model/types';
import type { FleetOptions } from './demo-fleet';
import { FleetBuilder, type InstanceSpec } from './fleet-builder';

const SERVICES = [
  'orders',
  'payments',
  'inventory',
  'users',
  'search',
  'catalog',
  'ledger',
  'auth',
  'shipping',
  'pricing',
  'reviews',
  'carts',
  'notify',
  'reports',
  'sessions',
  'billing',
];
const TEAMS = ['checkout', 'core', 'growth', 'data', 'platform', 'fulfilment'];
const CLASSES = ['db.r6g.large', 'db.r6g.xlarge', 'db.r6g.2xlarge', 'db.r7g.large', 'db.r7g.xlarge'];
const VERSIONS = ['15.4', '15.6', '16.1', '16.4'];

export interface GeneratedFleetOptions extends FleetOptions {
  /** Which clusters get a ready blue/green deployment to the next major version: every 4th (`some`), `all` or `none`. */
  blueGreen?: 'some' | 'all' | 'none';
  region?: string;
}

/**
 * A scale fleet of `count` Aurora PostgreSQL clusters with deterministic names (`orders-007`),
 * 2–4 instances each spread across the region's AZs (writer tier 0, readers tier 1–2).
 */
export function generatedFleet(count = 120, seed = 1, options: GeneratedFleetOptions = {}): SimState {
  const fleet = new FleetBuilder(seed, options.now ?? Date.now(), options.timeScale);
  return addGeneratedClusters(fleet, count, seed, options).build();
}

/**
 * Adds the generated clusters to a fleet being built (e.g. the demo account plus a scale fleet):
 * resource ids come from the builder's state, so nothing collides with what it already holds.
 */
export function addGeneratedClusters(fleet: FleetBuilder, count: number, seed = 1, options: GeneratedFleetOptions = {}): FleetBuilder {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const region = options.region ?? 'us-east-1';
  const zones = availabilityZones(region);
  const width = String(count).length < 3 ? 3 : String(count).length;
  for (let n = 1; n <= count; n++) {
    const id = `${SERVICES[(n - 1) % SERVICES.length]}-${String(n).padStart(width, '0')}`;
    const size = 2 + Math.floor(random() * 3);
    const instanceClass = pick(CLASSES);
    const firstZone = Math.floor(random() * zones.length);
    const instances: InstanceSpec[] = Array.from({ length: size }, (_, i) => ({
      id: `${id}-${i}`,
      instanceClass,
      availabilityZone: zones[(firstZone + i) % zones.length],
      promotionTier: i === 0 ? 0 : i === size - 1 && size > 2 ? 2 : 1,
    }));
    const version = pick(VERSIONS);
    const team = pick(TEAMS);
    fleet.cluster({
      region,
      id,
      engineVersion: version,
      writer: `${id}-0`,
      instances,
      tags: [
        { Key: 'team', Value: team },
        { Key: 'owner', Value: `${team}@example.com` },
        { Key: 'env', Value: random() < 0.8 ? 'prod' : 'staging' },
      ],
      createdDaysAgo: 30 + Math.floor(random() * 700),
    });
    const withBlueGreen = options.blueGreen === 'all' || ((options.blueGreen ?? 'some') === 'some' && n % 4 === 0);
    if (withBlueGreen) {
      const target = version.startsWith('15') ? '16.4' : '17.4';
      fleet.blueGreen(region, `${id}-upgrade`, id, target, undefined, 60);
    }
  }
  return fleet;
}

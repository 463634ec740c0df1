import { commonErrors } from '../protocol/aws-error';

/**
 * The one table of what the simulated account can run: engine versions (each with its parameter
 * group family) and the instance classes orderable for each engine. DescribeDBEngineVersions and
 * DescribeOrderableDBInstanceOptions serve it, and every create/modify checks against it, so a
 * rehearsal fails where AWS would.
 *
 * Versions: Aurora PostgreSQL release notes (docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes);
 * 17 starts at 17.4. Classes: Aurora User Guide, "Supported DB engines for DB instance classes"
 * (Concepts.DBInstanceClass.SupportAurora).
 */
export interface EngineVersion {
  engine: string;
  version: string;
  family: string;
  description: string;
}

const AURORA_POSTGRESQL = [
  '13.12', '13.15', '13.18',
  '14.9', '14.12', '14.15',
  '15.4', '15.5', '15.6', '15.7', '15.8', '15.10',
  '16.1', '16.2', '16.3', '16.4', '16.6',
  '17.4', '17.5',
]; // prettier-ignore

/** Non-Aurora engines the simulator stores standalone instances of. */
const STANDALONE: Record<string, string[]> = {
  mysql: ['8.0.39', '8.0.40', '8.4.3'],
  postgres: ['15.8', '16.4', '16.6', '17.2'],
};

const SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
const sized = (family: string, sizes = SIZES) => sizes.map((s) => `db.${family}.${s}`);

const AURORA_CLASSES = [
  'db.serverless',
  'db.t3.medium',
  'db.t4g.medium',
  ...sized('r5', [...SIZES, '24xlarge']),
  ...sized('r6g'),
  ...sized('r6i', [...SIZES, '24xlarge', '32xlarge']),
  ...sized('r7g'),
  ...sized('r7i', [...SIZES, '24xlarge', '48xlarge']),
  ...sized('r8g', [...SIZES, '24xlarge', '48xlarge']),
  ...sized('x2g', ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge']),
];

const STANDALONE_CLASSES = [
  'db.t3.micro',
  'db.t3.small',
  'db.t3.medium',
  'db.t4g.micro',
  'db.t4g.small',
  'db.t4g.medium',
  ...sized('m5'),
  ...sized('m6g'),
  ...sized('r5'),
  ...sized('r6g'),
  ...sized('r7g'),
];

function familyOfVersion(engine: string, version: string): string {
  const [major, minor] = version.split('.');
  // MySQL families carry the minor (mysql8.0, mysql8.4); PostgreSQL ones the major only.
  return engine === 'mysql' ? `mysql${major}.${minor}` : `${engine}${major}`;
}

export const ENGINE_VERSIONS: readonly EngineVersion[] = [
  ...AURORA_POSTGRESQL.map((version) => ({
    engine: 'aurora-postgresql',
    version,
    family: familyOfVersion('aurora-postgresql', version),
    description: `Aurora PostgreSQL (Compatible with PostgreSQL ${version})`,
  })),
  ...Object.entries(STANDALONE).flatMap(([engine, versions]) =>
    versions.map((version) => ({ engine, version, family: familyOfVersion(engine, version), description: `${engine} ${version}` })),
  ),
];

export function orderableClasses(engine: string): readonly string[] {
  return engine.startsWith('aurora') ? AURORA_CLASSES : STANDALONE_CLASSES;
}

export function findEngineVersion(engine: string, version: string): EngineVersion | undefined {
  return ENGINE_VERSIONS.find((v) => v.engine === engine && v.version === version);
}

/** The family of an engine version in the table (or by the engine's rule when the version is unknown). */
export function parameterGroupFamily(engine: string, version: string): string {
  return findEngineVersion(engine, version)?.family ?? familyOfVersion(engine, version);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Versions a cluster on `from` can be upgraded to: every later version of the same engine in the table. */
export function upgradeTargets(engine: string, from: string): EngineVersion[] {
  return ENGINE_VERSIONS.filter((v) => v.engine === engine && compareVersions(v.version, from) > 0);
}

/**
 * An upgrade target must be a later version of the engine in the table. AWS's answer otherwise
 * (Aurora User Guide, upgrading: `InvalidParameterCombination` "Cannot find upgrade target from
 * 5.7.mysql_aurora.2.11.2 with requested version 5.7.mysql_aurora.2.09.2.").
 */
export function checkUpgradeTarget(engine: string, from: string, to: string): void {
  if (to === from) return;
  if (!upgradeTargets(engine, from).some((v) => v.version === to)) {
    throw commonErrors.invalidParameterCombination(`Cannot find upgrade target from ${from} with requested version ${to}.`);
  }
}

/**
 * The instance class must be orderable for the engine (DescribeOrderableDBInstanceOptions). AWS's
 * answer otherwise, as CreateDBInstance gives it: `InvalidParameterCombination` "RDS does not
 * support creating a DB instance with the following combination: DBInstanceClass=…, Engine=…,
 * EngineVersion=…, LicenseModel=…. For supported combinations of instance class and database engine
 * version, see the documentation."
 */
export function checkInstanceClass(engine: string, version: string, instanceClass: string): void {
  if (orderableClasses(engine).includes(instanceClass)) return;
  throw commonErrors.invalidParameterCombination(
    `RDS does not support creating a DB instance with the following combination: DBInstanceClass=${instanceClass}, ` +
      `Engine=${engine}, EngineVersion=${version}, LicenseModel=${licenseModel(engine)}. ` +
      'For supported combinations of instance class and database engine version, see the documentation.',
  );
}

/**
 * A parameter group must be of the family of the engine version it is used with. AWS's answer
 * otherwise: `InvalidParameterCombination` "The parameter group <name> with DBParameterGroupFamily
 * <family> can't be used for this instance. Use a parameter group with DBParameterGroupFamily <family>."
 */
export function checkParameterGroupFamily(group: { name: string; family: string }, engine: string, version: string, what: string): void {
  const family = parameterGroupFamily(engine, version);
  if (group.family === family) return;
  throw commonErrors.invalidParameterCombination(
    `The parameter group ${group.name} with DBParameterGroupFamily ${group.family} can't be used for this ${what}. ` +
      `Use a parameter group with DBParameterGroupFamily ${family}.`,
  );
}

export function licenseModel(engine: string): string {
  if (engine.includes('postgres')) return 'postgresql-license';
  return 'general-public-license';
}

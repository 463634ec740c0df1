export interface Config {
  /** Switchyard: executable runbooks for Aurora/RDS. */
  switchyard?: {
    /**
     * Directories of runbooks (`*.md`) offered in Backstage; relative paths are looked up from the
     * working directory and its parents. Default: the repository's `runbooks/`.
     */
    runbookDirs?: string[];
    /** Run `sh` blocks. Off by default: runbooks with `sh` blocks are refused. */
    allowShell?: boolean;
    /** Run `sql` blocks marked `write: true`. Off by default: such runbooks are refused. */
    allowSqlWrites?: boolean;
    /** A YAML file of named PostgreSQL connections for `sql` blocks and data guards (the CLI's --connections format). */
    connectionsFile?: string;
    /** `http` blocks (e.g. a runbook's maintenance-mode requests). */
    http?: {
      /**
       * The only hosts `http` blocks may send to: `maint.internal`, `maint.internal:8443`,
       * `10.0.0.7`, `[::1]:8080`, or `*.internal` for every subdomain. Empty (the default): every
       * request is refused, with a message naming this setting.
       */
      allowedHosts?: string[];
      /**
       * Named secrets for `{ secret: <name> }` headers, e.g. `maintenance_token: ${MAINTENANCE_TOKEN}`.
       * Sent only in headers, shown as `[secret]` everywhere.
       * @visibility secret
       */
      secrets?: { [name: string]: string };
    };
    /** Every `approve` step needs someone other than the run's starter (default true). */
    requireFourEyes?: boolean;
    /** How long a replica's claim on a run lasts without renewal before another replica takes over (default 60). */
    leaseSeconds?: number;
    /** How often a replica looks for runs whose driver has gone (default 15). */
    sweepSeconds?: number;
    /** Regions listed on the fleet page besides the ones the entities name (real AWS only). */
    regions?: string[];
    /** Cost report options. */
    cost?: {
      /** `api` (the AWS Price List API, falling back to the bundled snapshot) or `snapshot`. */
      prices?: 'api' | 'snapshot';
      /** Ask Cost Explorer for billed actuals (default true). */
      actuals?: boolean;
    };
    /**
     * Use the local AWS simulator instead of AWS: started inside the backend (`fleet`), or one
     * already running (`url`, e.g. `yarn switchyard sim --port 4566`).
     */
    simulator?: {
      /** URL of a running simulator; when set nothing is started. */
      url?: string;
      /** `demo` (default) or a number of generated clusters. */
      fleet?: string | number;
      /** Generated clusters added to the demo account (e.g. 120). */
      extraClusters?: number;
      /** AWS durations are divided by this (default 1); runbook waits are scaled to match. */
      timeScale?: number;
      seed?: number;
      /** TCP port of the embedded simulator (default: a free one). */
      port?: number;
      /** Publish a catalog entity per simulated cluster, and the demo users and groups (the catalog module). */
      catalog?: boolean;
    };
  };
}

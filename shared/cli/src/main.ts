#!/usr/bin/env node
// The SDK warns on every start that its 2027 releases will need Node 22; Switchyard pins the SDK and
// supports Node 20, and an on-call terminal should show the run, not that notice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { UsageError } from './args';
import { controlCommand } from './commands/control';
import { locksCommand } from './commands/locks';
import { costCommand } from './commands/cost';
import { rolloutCommand, ROLLOUT_USAGE } from './commands/rollout';
import { runCommand } from './commands/run';
import { runsCommand } from './commands/runs';
import { simCommand } from './commands/sim';
import { topologyCommand } from './commands/topology';
import { validateCommand } from './commands/validate';
import { EXIT } from './exit-codes';
import { InputError } from './input-error';

const USAGE = `switchyard — executable runbooks for Aurora / RDS

  switchyard validate <files…>                       check runbooks; file:line:col errors, exit 1 if any
  switchyard run <runbook> --param k=v … [--endpoint URL] [--region R] [--dry-run] [--approve] [--json]
  switchyard runs [--resume ID [--param SECRET=…]]   list runs; resume one after a crash or Ctrl-C (secret params given again)
  switchyard locks                                   resources held by open runs (a lock ends with its run)
  switchyard approve|reject|retry|skip|abort|rollback <runId> [--as NAME] [--groups G,…] [--reason TEXT]
  switchyard topology <cluster> [--endpoint URL] [--region R] [--json]
  switchyard cost [--by migration|team|account] [--grace-days N] [--no-actuals] [--prices api|snapshot] [--price-cache FILE]
                  [--endpoint URL] [--region R] [--json]
                                                     cost of blue/green parallel environments, findings, billed actuals
  switchyard sim [--port P] [--fleet demo|N] [--time-scale X]   the local AWS simulator
${ROLLOUT_USAGE.replace(/^/gm, '  ')}

Common flags: --endpoint URL (or SWITCHYARD_ENDPOINT; unset = real AWS), --region, --profile,
--store DIR (runs; default ./.switchyard), --as NAME and --groups G,… (who you are, on your word), --time-scale X (divide waits).
run and the controls: --connections FILE (or SWITCHYARD_CONNECTIONS) names the databases of sql
blocks and data guards; --allow-sql-writes lets \`write: true\` blocks write; --trust-shell runs sh;
--trust-http sends http blocks (secret headers from SWITCHYARD_SECRET_<NAME>).
Exit codes of run: 0 succeeded, 1 failed, 2 invalid runbook or params, 3 waiting for approval,
4 aborted, 5 rolled back, 130 interrupted (resumable).
Exit codes of cost: 0 complete, 1 failed, 2 usage, 6 partial (figures missing; listed in the report).`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  validate: validateCommand,
  run: runCommand,
  runs: runsCommand,
  locks: locksCommand,
  topology: topologyCommand,
  cost: costCommand,
  sim: simCommand,
  rollout: rolloutCommand,
  approve: (a) => controlCommand('approve', a),
  reject: (a) => controlCommand('reject', a),
  retry: (a) => controlCommand('retry', a),
  skip: (a) => controlCommand('skip', a),
  abort: (a) => controlCommand('abort', a),
  rollback: (a) => controlCommand('rollback', a),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? EXIT.succeeded : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`switchyard: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

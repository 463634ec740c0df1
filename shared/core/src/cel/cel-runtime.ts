import { quoteLiteral } from '../sql/quote-literal';
import { quoteIdent } from '../sql/quote-ident';
import type * as Cel from '@marcbachmann/cel-js' with { 'resolution-mode': 'import' };

/**
 * @marcbachmann/cel-js ships ESM only while the core compiles to CommonJS; Node ≥ 20.19 can
 * require() an ES module, and jest transforms it, so it is loaded with require and typed from
 * its own declarations.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const cel = require('@marcbachmann/cel-js') as typeof Cel;
export type CelEnvironment = Cel.Environment;
export type CelAstNode = Cel.ASTNode;

type Arithmetic = (a: number, b: number) => number;
const ARITHMETIC: Record<string, Arithmetic> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

/**
 * A CEL environment for runbooks. Live objects arrive as JSON, whose numbers are CEL doubles,
 * while literals like `1000` are CEL ints; strict CEL has no `double + int`. So that
 * `lag.max + 1` or `lag.max / 1000` work whatever the JSON number looked like, mixed int/double
 * arithmetic is defined and yields a double (comparisons across the two are standard CEL).
 */
export function createCelEnvironment(options: { unlistedVariablesAreDyn: boolean }): CelEnvironment {
  const env = new cel.Environment({ unlistedVariablesAreDyn: options.unlistedVariablesAreDyn, homogeneousAggregateLiterals: false });
  for (const [op, apply] of Object.entries(ARITHMETIC)) {
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => apply(a, Number(b)));
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => apply(Number(a), b));
  }
  // `{{ ident(table) }}` in a SQL query: the name quoted as one PostgreSQL identifier (sql/sql-template.ts).
  env.registerFunction('ident(string): string', quoteIdent);
  // `{{ literal(x) }}`: a string literal quoted into the text, where PostgreSQL takes no bound parameter (DDL options).
  env.registerFunction('literal(string): string', quoteLiteral);
  // `{{ conninfo("green") }}`: a configured connection's libpq string, resolved by the SQL gateway inside a
  // sql query only (sql/bind-sql.ts); anywhere else there is nothing to resolve it with.
  env.registerFunction('conninfo(string): string', (name: string) => {
    throw new Error(`conninfo(${JSON.stringify(name)}) stands only in a sql block's query, where the host's connections resolve it`);
  });
  return env;
}

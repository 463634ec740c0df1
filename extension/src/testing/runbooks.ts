import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** A shipped runbook's text (runbooks/ at the repository root). */
export function shippedRunbook(name: string): string {
  return readFileSync(path.resolve(__dirname, '../../../runbooks', name), 'utf8');
}

import { PassThrough } from 'stream';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import { transports } from 'winston';
import { devLogFormat } from './dev-root-logger';

/** One request log line through a real WinstonLogger, as the dev backend's router logs it. */
async function logLine(isTTY: boolean | undefined): Promise<string> {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c) => chunks.push(String(c)));
  const logger = WinstonLogger.create({
    meta: { service: 'backstage' },
    level: 'info',
    format: devLogFormat(isTTY, 'development'),
    transports: [new transports.Stream({ stream })],
  });
  logger.child({ type: 'incomingRequest' }).info('GET /api/switchyard/runs 200');
  await new Promise((r) => setImmediate(r));
  return chunks.join('');
}

describe('devLogFormat', () => {
  it('emits no ANSI escape codes when stdout is not a TTY (piped, CI, `yarn start > log`)', async () => {
    for (const isTTY of [false, undefined]) {
      const line = await logLine(isTTY);
      expect(line).toContain('GET /api/switchyard/runs 200');
      expect(line).toContain('type="incomingRequest"');
      expect(line).not.toContain('\x1b[');
    }
  });
  it('keeps the colours on a terminal', async () => {
    expect(await logLine(true)).toContain('\x1b[');
  });
});

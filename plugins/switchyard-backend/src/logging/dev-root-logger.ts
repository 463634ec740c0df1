/**
 * The dev backend's root logger: Backstage's own rootLoggerServiceFactory picks
 * `WinstonLogger.colorFormat()` whenever NODE_ENV is not "production", so every request log line
 * carries ANSI colour codes even when stdout is a file or a CI log. This factory keeps Backstage's
 * format on a TTY and strips the colours (winston's `uncolorize`) when stdout is not one.
 * Documented API: WinstonLogger.create / colorFormat, @backstage/backend-defaults/rootLogger.
 */
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import { format, transports, Logform } from 'winston';

/** The log format for a stream: colours only on a terminal, JSON in production as Backstage does. */
export function devLogFormat(isTTY: boolean | undefined, nodeEnv = process.env.NODE_ENV): Logform.Format {
  if (nodeEnv === 'production') return format.json();
  return isTTY ? WinstonLogger.colorFormat() : format.combine(WinstonLogger.colorFormat(), format.uncolorize());
}

export const devRootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: {},
  async factory() {
    return WinstonLogger.create({
      meta: { service: 'backstage' },
      level: process.env.LOG_LEVEL || 'info',
      format: devLogFormat(process.stdout.isTTY),
      transports: [new transports.Console()],
    });
  },
});

import type { FaultRequest } from '../model/fault-actions';
import type { SimState } from '../model/types';
import { AwsError } from '../protocol/aws-error';
import type { WireResponse } from '../protocol/wire-response';
import type { SimulatorControl } from '../simulator-control';

/** Path prefix of the control API; AWS never serves it. */
export const CONTROL_PREFIX = '/_switchyard';

/**
 * The simulator's control API (JSON over HTTP):
 *   GET  /_switchyard/health     clock, time scale, fleet size
 *   GET  /_switchyard/state      the state as JSON          POST /_switchyard/state  load a state
 *   POST /_switchyard/reset      back to the initial fleet
 *   GET  /_switchyard/faults     active faults              POST /_switchyard/faults inject one (or an array)
 *   DELETE /_switchyard/faults   clear all faults
 *   GET  /_switchyard/requests   request log                DELETE /_switchyard/requests clear it
 */
export function handleControl(control: SimulatorControl, method: string, path: string, body: string): WireResponse {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case `GET ${CONTROL_PREFIX}/health`:
        return json(200, control.health());
      case `GET ${CONTROL_PREFIX}/state`:
        return json(200, control.saveState());
      case `POST ${CONTROL_PREFIX}/state`:
        control.loadState(parse(body) as SimState);
        return json(200, { loaded: true });
      case `POST ${CONTROL_PREFIX}/reset`:
        control.reset();
        return json(200, { reset: true });
      case `GET ${CONTROL_PREFIX}/faults`:
        return json(200, control.faults());
      case `POST ${CONTROL_PREFIX}/faults`: {
        const request = parse(body) as FaultRequest | FaultRequest[];
        for (const fault of Array.isArray(request) ? request : [request]) control.injectFault(fault);
        return json(200, control.faults());
      }
      case `DELETE ${CONTROL_PREFIX}/faults`:
        control.clearFaults();
        return json(200, control.faults());
      case `GET ${CONTROL_PREFIX}/requests`:
        return json(200, control.requests());
      case `DELETE ${CONTROL_PREFIX}/requests`:
        control.clearRequests();
        return json(200, { cleared: true });
      default:
        return json(404, { error: 'NotFound', message: `No control route ${route}` });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof AwsError ? error.code : 'BadRequest';
    return json(400, { error: code, message });
  }
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new AwsError('BadRequest', 'The request body is not valid JSON.');
  }
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value, null, 2) };
}

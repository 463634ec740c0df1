import { confirmAction, confirmWhere, type ConfirmRequest } from '../confirm/confirm-request';
import type { ConfirmationPhase } from './confirming-gateway';

/** A mutating AWS call or http request waiting on the operator: being asked, or declined and paused. */
export interface PendingConfirmation {
  id: number;
  phase: 'asking' | 'paused';
  /** `sandbox` or the AWS target id: the panels of that target show it. */
  targetId: string;
  /** "Fail over prod-app", "Send PUT to maint.internal". */
  action: string;
  where: string;
  since: string;
}

/**
 * The mutating calls and http requests the operator has to answer, for the status bar and the
 * cluster panels: one list, fed by the confirming gateways, AWS and http (`onPhase`) and holding declined calls paused until the
 * operator asks to be asked again (`resume`) or the run is stopped (the call's signal).
 */
export class Confirmations {
  private nextId = 1;
  private readonly pending = new Map<ConfirmRequest, PendingConfirmation>();
  private readonly waiting = new Map<number, () => void>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(targetId?: string): PendingConfirmation[] {
    return [...this.pending.values()].filter((p) => targetId === undefined || p.targetId === targetId);
  }

  /** The gateway of `targetId` reports a call's phase. */
  phase(targetId: string, phase: ConfirmationPhase, request: ConfirmRequest): void {
    if (phase === 'settled') this.pending.delete(request);
    else {
      const known = this.pending.get(request);
      this.pending.set(request, {
        id: known?.id ?? this.nextId++,
        phase,
        targetId,
        action: confirmAction(request),
        where: confirmWhere(request),
        since: this.now().toISOString(),
      });
    }
    this.changed();
  }

  /** A declined call waits here: resolves on `resume`, rejects when the run is stopped. */
  paused(request: ConfirmRequest, signal?: AbortSignal): Promise<void> {
    const id = this.pending.get(request)?.id;
    if (id === undefined) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiting.delete(id);
        reject(new Error('the run was stopped'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, () => {
        signal?.removeEventListener('abort', onAbort);
        this.waiting.delete(id);
        resolve();
      });
    });
  }

  /** Asks about a paused call again; false when it is no longer paused (answered, or its run stopped). */
  resume(id: number): boolean {
    const wake = this.waiting.get(id);
    wake?.();
    return Boolean(wake);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

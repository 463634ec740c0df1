import type { ThrottleRule } from '../model/faults';
import { seededRandom } from '../model/ids';

/**
 * Decides whether a request is throttled under the injected rules: a rate (fraction of requests)
 * or a token bucket of requests per second per service and region (as RDS's API limits work).
 */
export class Throttler {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed ^ 0x5eed);
  }

  isThrottled(rules: ThrottleRule[], service: string, operation: string, region: string, now: number): boolean {
    for (const [index, rule] of rules.entries()) {
      if (rule.service && rule.service !== service) continue;
      if (rule.operation && rule.operation !== operation) continue;
      if (rule.rate !== undefined && this.random() < rule.rate) return true;
      if (
        rule.requestsPerSecond !== undefined &&
        !this.take(`${index}:${service}:${region}`, rule.requestsPerSecond, rule.burst ?? rule.requestsPerSecond, now)
      ) {
        return true;
      }
    }
    return false;
  }

  reset(): void {
    this.buckets.clear();
  }

  private take(key: string, perSecond: number, burst: number, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';

/** The credential scope of a SigV4-signed request: `<key>/<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** A key pair the simulator accepts, as IAM would for an active access key. */
export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What a request needs for its signature to be checked: as received, path still percent-encoded. */
export interface SignedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Header names in lower case (Node's `req.headers`). */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/**
 * Why a signed request is refused, in AWS's words. AWS checks the access key first
 * (`InvalidClientTokenId` "The security token included in the request is invalid."), then the
 * signature, then the 15-minute window around its clock ("Signature expired: … (… - 15 min.)",
 * "Signature not yet current: … (… + 15 min.)") — see
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html.
 */
export type SignatureFailure =
  | { kind: 'unknown-key'; message: string }
  | { kind: 'signature'; message: string }
  | { kind: 'clock-skew'; message: string }
  /** An Authorization header without a part SigV4 requires (IncompleteSignature). */
  | { kind: 'incomplete'; message: string };

/** AWS's allowed clock difference between the signer and the service. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** The parts of a SigV4 signature, from the Authorization header or a presigned URL's query. */
interface SignatureParts {
  credential: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string | undefined;
  presigned: boolean;
}

/**
 * Reads the credential scope from the Authorization header (or a presigned URL's
 * X-Amz-Credential). Use `verifySignature` to know whether the request is genuine.
 */
export function credentialScope(authorization: string | undefined, query: URLSearchParams): CredentialScope | undefined {
  const credential = /Credential=([^,\s]+)/.exec(authorization ?? '')?.[1] ?? query.get('X-Amz-Credential') ?? undefined;
  if (!credential) return undefined;
  const [accessKeyId, date, region, service] = decodeURIComponent(credential).split('/');
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}

/** A request is signed if it carries a SigV4 Authorization header or presigned query parameters. */
export function isSigned(authorization: string | undefined, query: URLSearchParams): boolean {
  return Boolean(authorization?.startsWith(ALGORITHM)) || query.has('X-Amz-Signature');
}

/**
 * Verifies a SigV4 signature as AWS does: the access key must be one of `accepted`, the signature
 * must be the one its secret gives for this exact request (canonical request built by the SDK's own
 * signer, `@smithy/signature-v4`), and the signing time within 15 minutes of `now`.
 * Returns undefined when the request is genuine.
 */
export function verifySignature(request: SignedRequest, accepted: readonly TestCredentials[], now: number): SignatureFailure | undefined {
  const incomplete = incompleteAuthorization(request);
  if (incomplete) return { kind: 'incomplete', message: incomplete };
  const parts = signatureParts(request);
  if (!parts) return { kind: 'signature', message: MISMATCH };
  const [accessKeyId, date, region, service, terminator] = parts.credential.split('/');
  const credentials = accepted.find((c) => c.accessKeyId === accessKeyId);
  if (!credentials) return { kind: 'unknown-key', message: 'The security token included in the request is invalid.' };
  const signedAt = parts.amzDate ? parseAmzDate(parts.amzDate) : undefined;
  if (!date || !region || !service || terminator !== 'aws4_request' || signedAt === undefined || !parts.amzDate?.startsWith(date)) {
    return { kind: 'signature', message: MISMATCH };
  }
  const expected = expectedSignature(request, parts, credentials.secretAccessKey, { date, region, service });
  if (!sameHex(expected, parts.signature)) return { kind: 'signature', message: MISMATCH };
  if (signedAt < now - MAX_CLOCK_SKEW_MS) {
    return {
      kind: 'clock-skew',
      message: `Signature expired: ${parts.amzDate} is now earlier than ${amzDate(now - MAX_CLOCK_SKEW_MS)} (${amzDate(now)} - 15 min.)`,
    };
  }
  if (signedAt > now + MAX_CLOCK_SKEW_MS) {
    return {
      kind: 'clock-skew',
      message: `Signature not yet current: ${parts.amzDate} is still later than ${amzDate(now + MAX_CLOCK_SKEW_MS)} (${amzDate(now)} + 15 min.)`,
    };
  }
  return undefined;
}

/**
 * What a SigV4 Authorization header lacks, in AWS's words ("Authorization header requires 'Signature'
 * parameter. … Authorization=…", IncompleteSignature: "The request signature does not conform to AWS
 * standards", Common Errors of the RDS API reference), or undefined when it has every part. A part
 * present but empty (`Signature=`) is missing.
 */
export function incompleteAuthorization(request: SignedRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (!authorization?.startsWith(ALGORITHM)) return undefined;
  const fields = authorizationFields(authorization);
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !fields.get(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (!request.headers['x-amz-date'] && !request.headers.date) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  return missing.length ? `${missing.join(' ')} Authorization=${authorization}` : undefined;
}

function authorizationFields(authorization: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return fields;
}

function signatureParts(request: SignedRequest): SignatureParts | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith(`${ALGORITHM} `)) {
    const fields = authorizationFields(authorization);
    const credential = fields.get('Credential');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    if (!credential || !signedHeaders || !signature) return undefined;
    return { credential, signedHeaders: signedHeaders.split(';'), signature, amzDate: request.headers['x-amz-date'], presigned: false };
  }
  const { query } = request;
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) return undefined;
  const credential = query.get('X-Amz-Credential');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  return { credential, signedHeaders: signedHeaders.split(';'), signature, amzDate: query.get('X-Amz-Date') ?? undefined, presigned: true };
}

function expectedSignature(
  request: SignedRequest,
  parts: SignatureParts,
  secret: string,
  scope: { date: string; region: string; service: string },
): string {
  const headers: Record<string, string> = {};
  for (const name of parts.signedHeaders) headers[name] = request.headers[name] ?? '';
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of request.query) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  // The service hashes the body it received (not a client's x-amz-content-sha256 claim), so a body
  // changed after signing never matches.
  const payloadHash = parts.presigned ? 'UNSIGNED-PAYLOAD' : createHash('sha256').update(request.body).digest('hex');
  const canonicalHeaders = getCanonicalHeaders({ headers } as never, undefined, new Set(parts.signedHeaders));
  const canonicalRequest = CANONICALISER.canonicalRequest(
    { method: request.method, path: request.path, query, headers, protocol: 'http:', hostname: '' } as never,
    canonicalHeaders,
    payloadHash,
  );
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, parts.amzDate, credentialScope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(scope.date).digest();
  for (const part of [scope.region, scope.service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/** The signer is only asked to canonicalise; it never hashes here. */
class NoHash {
  update(): void {
    throw new Error('not used');
  }
  digest(): Promise<Uint8Array> {
    throw new Error('not used');
  }
}

/**
 * The SDK signer's own canonical request (path normalisation and double encoding, query and
 * header canonicalisation), synchronously; hashing and the signing key are node:crypto.
 */
class Canonicaliser extends SignatureV4 {
  constructor() {
    super({ service: 'any', region: 'any', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: NoHash });
  }

  canonicalRequest(...args: Parameters<SignatureV4['createCanonicalRequest']>): string {
    return this.createCanonicalRequest(...args);
  }
}

const CANONICALISER = new Canonicaliser();

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `20261204T201513Z` → epoch ms; undefined when malformed. */
function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}

function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

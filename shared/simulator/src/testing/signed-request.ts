import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';

/** node:crypto as the signer's hash (sha256, or HMAC with a key). */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: unknown) {
    this.hash = secret ? createHmac('sha256', secret as Uint8Array) : createHash('sha256');
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

export interface SignedPostOptions {
  signingDate?: Date;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  service?: string;
  /** Changes the body after signing (a tampered request). */
  tamper?: (body: string) => string;
}

/** POSTs an awsQuery form body signed with the SDK's SigV4 signer, as a hand-made client would. */
export async function signedQueryPost(endpoint: string, body: string, options: SignedPostOptions = {}): Promise<Response> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    service: options.service ?? 'rds',
    region: 'us-east-1',
    credentials: options.credentials ?? SIMULATOR_CREDENTIALS,
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    },
    { signingDate: options.signingDate ?? new Date() },
  );
  return fetch(`${endpoint}/`, { method: 'POST', headers: signed.headers, body: options.tamper ? options.tamper(body) : body });
}

/** The credential scope of a SigV4-signed request: `<key>/<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/**
 * Reads the credential scope from the Authorization header (or a presigned URL's
 * X-Amz-Credential). Signatures are not verified: any signed request is accepted.
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
  return Boolean(authorization?.startsWith('AWS4-HMAC-SHA256')) || query.has('X-Amz-Signature');
}

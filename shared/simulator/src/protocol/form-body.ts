/** Parses an `application/x-www-form-urlencoded` body (or query string) into ordered key/value pairs. */
export function parseFormBody(body: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
  return params;
}

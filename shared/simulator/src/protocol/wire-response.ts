/** What a protocol adapter hands back to the HTTP layer. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** The HTTP status of every error code the server sends (docs/rest-contract.md §6). */
export const errorStatus = {
  invalid_format: 400,
  unauthenticated: 401,
  forbidden: 403,
  no_pending_enrollment: 404,
  not_found: 404,
  method_not_allowed: 405,
  already_enabled: 409,
  enrollment_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_code: 422,
  code_already_used: 422,
  authenticator_disabled: 423,
  rate_limited: 429,
  server_error: 500,
} as const;

/** An error code of the contract, or `server_error` for a failure of the server itself. */
export type ErrorCode = keyof typeof errorStatus;

/** A refusal: the error code and any headers it needs (`Allow`, `Retry-After`). */
export class Refusal {
  constructor(
    readonly error: ErrorCode,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** Largest accepted request body; a contract body is a few dozen bytes (§4 allows 1 KiB). */
export const maxBodyBytes = 1024;

/**
 * A JSON response with the headers every contract response carries: `no-store` (A-19, S-12)
 * and `nosniff`. `extra` headers go first, so they cannot override these.
 */
export function jsonResponse(status: number, body: object, extra?: HeadersInit): Response {
  const headers = new Headers(extra);
  headers.set('Content-Type', 'application/json');
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(JSON.stringify(body), { status, headers });
}

/** The response of `refusal`: `{ "error": "<code>" }` and nothing else. */
export const refusalResponse = (refusal: Refusal, extra?: HeadersInit) => {
  const headers = new Headers(extra);
  for (const [name, value] of Object.entries(refusal.headers)) headers.set(name, value);
  return jsonResponse(errorStatus[refusal.error], { error: refusal.error }, headers);
};

/**
 * The JSON object body of a `POST`, read no further than `maxBodyBytes`. Throws a `Refusal`:
 * `unsupported_media_type` unless `Content-Type` is `application/json`, `payload_too_large`
 * beyond the limit, `invalid_format` for anything but a UTF-8 JSON object.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('Content-Type') ?? '';
  if (type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    throw new Refusal('unsupported_media_type');
  }
  if (Number(request.headers.get('Content-Length')) > maxBodyBytes) {
    throw new Refusal('payload_too_large');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw new Refusal('payload_too_large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Refusal('invalid_format');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Refusal('invalid_format');
  }
  return body as Record<string, unknown>;
}

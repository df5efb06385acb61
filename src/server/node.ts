/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TotpHandler } from './handler.js';
import { maxBodyBytes, Refusal, refusalResponse } from './http.js';

/** A `node:http` request as Express passes it: `originalUrl` when mounted, maybe a parsed body. */
export type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/** `node:http`'s request listener signature. */
export type NodeHandler = (req: NodeRequest, res: ServerResponse) => Promise<void>;

/** Express / Connect middleware signature, typed here so no framework is a dependency. */
export type ExpressMiddleware = (
  req: NodeRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Reads `req` until it ends or passes `limit` bytes, then lets the rest drain unread (the
 * handler answers `413` without waiting for a large body, and the connection stays usable).
 */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      req.off('data', onData).off('end', finish);
      req.resume();
      resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) finish();
    };
    req.on('data', onData).on('end', finish).on('error', reject);
  });
}

/** The Web `Request` of a Node request; the scheme comes from the socket, never a header (S-09). */
async function toRequest(req: NodeRequest): Promise<Request> {
  const scheme = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  const target = req.originalUrl ?? req.url ?? '/';
  let url: URL;
  try {
    url = new URL(target, `${scheme}://${req.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL(target, `${scheme}://localhost`);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !name.startsWith(':')) {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  // A body parser mounted earlier (express.json()) already consumed the stream: re-serialise.
  const body =
    req.readableEnded && req.body !== undefined
      ? Buffer.from(JSON.stringify(req.body))
      : await readUpTo(req, maxBodyBytes);
  return new Request(url, { method, headers, body: new Uint8Array(body) });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** `handler` as a `node:http` request listener: `http.createServer(toNodeHandler(handler))`. */
export function toNodeHandler(handler: TotpHandler): NodeHandler {
  return async (req, res) => {
    try {
      const response = await handler(await toRequest(req), {
        clientAddress: req.socket.remoteAddress,
      });
      await send(res, response);
    } catch {
      // Only reading the request can fail here (the handler answers its own errors).
      if (res.headersSent) res.end();
      else await send(res, refusalResponse(new Refusal('server_error'))).catch(() => res.destroy());
    }
  };
}

/**
 * `handler` as Express / Connect middleware: answers requests under `handler.basePath` (all
 * requests when it is `''`) and passes the others to `next`. Mount it before body parsers, or
 * after `express.json()` (the parsed body is re-serialised).
 */
export function toExpressMiddleware(handler: TotpHandler): ExpressMiddleware {
  const listener = toNodeHandler(handler);
  return (req, res, next) => {
    const { pathname } = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
    const base = handler.basePath;
    if (pathname !== base && !pathname.startsWith(`${base}/`)) return next();
    void listener(req, res);
  };
}

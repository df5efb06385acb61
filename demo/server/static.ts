/// <reference types="node" />
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built site from `root`: `/` is index.html, `/name` is name.html, hashed files under
 * /assets/ are cached for a year, pages are revalidated. Nothing outside `root` is reachable.
 * `pageHeaders` (the Content-Security-Policy) go on every response.
 */
export function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
  pageHeaders: Record<string, string>,
): void {
  for (const [name, value] of Object.entries(pageHeaders)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed\n');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '\0';
  }
  const base = resolve(root);
  const candidates = decoded.endsWith('/')
    ? [`${decoded}index.html`]
    : extname(decoded)
      ? [decoded]
      : [decoded, `${decoded}.html`];
  for (const candidate of candidates) {
    if (candidate.includes('\0')) break;
    const file = resolve(join(base, candidate));
    if (!file.startsWith(base + sep)) break;
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      size = stat.size;
    } catch {
      continue;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    const immutable = candidate.startsWith('/assets/');
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end('Not found\n');
}

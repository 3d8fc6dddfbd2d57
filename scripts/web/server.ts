// The browser-mode HTTP server: serves the built renderer with SPA fallback and strict headers. Used by scripts/web.ts and the e2e suite.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply } from 'fastify';
import { DEFAULT_HOST, isLoopbackHost } from './args';
import { isSafeRequestPath, looksLikeAsset, pathnameOf } from './request-path';
import { SECURITY_HEADERS, cacheControlFor } from './security-headers';

export type WebServerOptions = {
  /** Folder holding the built renderer (index.html + assets/), e.g. out/renderer. */
  root: string;
  /** 0 (the default) picks a free port; read the real one from the result. */
  port?: number;
  host?: string;
  /** Needed to listen on a non-loopback address. */
  allowRemote?: boolean;
};

export type RunningWebServer = {
  /** e.g. http://127.0.0.1:5199/ */
  url: string;
  host: string;
  port: number;
  close: () => Promise<void>;
};

export const BUILD_FIRST_MESSAGE = 'Build the app first: npx electron-vite build';

/** Thrown when root has no index.html, i.e. the renderer has not been built. */
export class MissingBuildError extends Error {
  constructor(root: string) {
    super(`${BUILD_FIRST_MESSAGE} (no index.html in ${root})`);
    this.name = 'MissingBuildError';
  }
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const root = resolve(options.root);
  const host = options.host ?? DEFAULT_HOST;
  const allowRemote = options.allowRemote ?? false;
  if (!existsSync(join(root, 'index.html'))) throw new MissingBuildError(root);
  if (!allowRemote && !isLoopbackHost(host)) {
    throw new Error(`Refusing to listen on non-loopback host "${host}" without allowRemote.`);
  }

  const app = Fastify({
    logger: false,
    // Malformed URLs are rejected by the router before any hook runs; answer them with the same headers.
    frameworkErrors: (_error, _request, genericReply) => {
      const reply = genericReply as unknown as FastifyReply; // the hook's generic reply type cannot take a status code
      void reply
        .code(400)
        .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' })
        .type('text/plain; charset=utf-8')
        .send('Bad request\n');
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    // A page on another site must not be able to reach this server through DNS rebinding.
    if (!allowRemote && !isLoopbackHost(hostnameOf(request.headers.host))) {
      return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden host\n');
    }
    if (!isSafeRequestPath(pathnameOf(request.url))) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    }
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('cache-control', cacheControlFor(pathnameOf(request.url), reply.statusCode));
    return payload;
  });

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: 'index.html',
    cacheControl: false, // set by the onSend hook
    dotfiles: 'ignore',
    redirect: false,
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = pathnameOf(request.url);
    if ((request.method === 'GET' || request.method === 'HEAD') && !looksLikeAsset(pathname)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html'); // client-side route
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
  });

  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}/`, host, port, close: () => app.close() };
}

/** "127.0.0.1:5199" → "127.0.0.1", "[::1]:5199" → "::1"; empty when the header is missing. */
function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1] ?? '';
  return hostHeader.replace(/:\d+$/, '');
}

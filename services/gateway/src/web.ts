import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the web UI (web/dist at the repository's root), from src/ or dist/ alike. */
export const BUILT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface WebUiOptions {
  /** The folder of the Vite build (index.html and assets/). */
  readonly root: string;
  /** What the browser needs to sign in: the issuer, the client id, the scope. */
  readonly uiConfig: { readonly issuer: string; readonly clientId: string; readonly scope: string };
}

/** Paths that are never a page of the web UI (their 404 stays a problem+json). */
const NOT_PAGES = /^\/(api|oidc|docs|healthz|assets)(\/|$)/;
/** A missing file stays a 404 (a ticket id has a dot in it, so "has a dot" is not the test). */
const FILES = /\.(js|mjs|css|map|json|png|jpe?g|gif|svg|ico|webp|woff2?|txt|xml|webmanifest)$/i;

export function isPageRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]!;
  return (request.method === 'GET' || request.method === 'HEAD') && !NOT_PAGES.test(path) && !FILES.test(path) && (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the web UI's build: hashed assets cached for a year, index.html never cached and sent
 * for every page path (the UI routes in the browser). Returns false when there is no build.
 */
export async function registerWebUi(app: FastifyInstance, options: WebUiOptions): Promise<boolean> {
  app.get('/ui-config.json', { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-cache').send(options.uiConfig));
  if (!existsSync(join(options.root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><html lang="en"><meta charset="utf-8"><title>MPP</title><h1>MPP Platform API</h1><p>The web UI is not built here: run <code>npm run build</code> (or set WEB_ROOT). The API is under <a href="/docs">/docs</a>.</p></html>'),
    );
    return false;
  }
  // The front page is the UI's too (the static plugin answers a folder with 403).
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
  await app.register(fastifyStatic, {
    root: options.root,
    prefix: '/',
    index: false,
    setHeaders(reply, path) {
      reply.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}

/** The UI's page for a path it routes itself (`/m/kendari/kiosk`, `/ticket/…`). */
export function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}

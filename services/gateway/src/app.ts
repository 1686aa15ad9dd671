import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { AppError } from '@mpp/errors';
import { durationHistogram, type Logger } from '@mpp/telemetry';
import type { DemoIssuer } from './auth/demo-issuer.js';
import { ANONYMOUS, type Principal, type Verifier } from './auth/verify.js';
import { problemOf, sendProblem } from './http/problem.js';
import { streamBoard } from './routes/board-stream.js';
import { catalogRoutes, importRoute } from './routes/catalog.js';
import { registerDemoIssuer } from './routes/oidc.js';
import { queueRoutes } from './routes/queue.js';
import { reportingRoutes } from './routes/reporting.js';
import { ID_PATTERN, type Clients, type RouteSpec } from './routes/route.js';
import { isPageRequest, registerWebUi, sendIndex, type WebUiOptions } from './web.js';
import { surveyRoutes } from './routes/survey.js';
import { webhookRoutes } from './routes/webhooks.js';

export interface GatewayAppOptions {
  readonly clients: Clients;
  readonly verifier: Verifier;
  readonly log: Logger;
  /** The all-in-one demo issuer (its /oidc endpoints); absent with a real issuer. */
  readonly demoIssuer?: DemoIssuer;
  /** Origins allowed to call the API from a browser (CORS); empty: same origin only. */
  readonly corsOrigins: readonly string[];
  /** Requests per minute per client address on anonymous calls. */
  readonly anonymousRateLimit: number;
  readonly bodyLimit: number;
  readonly publicUrl: string;
  readonly heartbeatMs: number;
  /** Which proxies' X-Forwarded-For to believe (the anonymous rate limit keys on the client address). */
  readonly trustProxy?: boolean | string[];
  /** The web UI: its build folder and what the browser needs to sign in; absent: API only. */
  readonly web?: WebUiOptions;
}

export interface GatewayApp {
  readonly app: FastifyInstance;
  /** Open board streams right now. */
  readonly openStreams: { count: number };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** Why the bearer token was refused; thrown by the route's guard, after the rate limit counted the caller as anonymous. */
    authError: unknown;
    span: Span | undefined;
  }
}

/** Every public route (DESIGN.md §6), in the order the OpenAPI document lists them. */
export const ROUTES: readonly RouteSpec[] = [...catalogRoutes, importRoute, ...queueRoutes, ...surveyRoutes, ...reportingRoutes, ...webhookRoutes];

export const API_PREFIX = '/api/v1';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

const tracer = () => trace.getTracer('@mpp/gateway');

/** The `route` label of a request no route matched (404s, the web UI's pages): never the raw URL, whose values are unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** A role may call a route; the anonymous caller is the citizen. 401 when signing in would help, 403 when it would not. */
export function authorize(route: Pick<RouteSpec, 'roles'>, principal: Principal, params: Record<string, string>): void {
  if (route.roles !== 'public' && !route.roles.includes(principal.role)) {
    if (principal.role === 'citizen') throw new AppError('unauthenticated', `sign in: this route is for ${route.roles.filter((r) => r !== 'citizen').join(', ')}`);
    throw new AppError('forbidden', `a ${principal.role} cannot do this; it is for ${route.roles.map((r) => (r === 'citizen' ? 'anyone' : r)).join(', ')}`);
  }
  // Staff of one mall act only in their mall (auditors and partners are not tied to one).
  const mall = params.mallId;
  if (mall !== undefined && principal.actor.mallId !== '' && principal.actor.mallId !== mall && route.roles !== 'public') {
    throw new AppError('forbidden', `a ${principal.role} of mall ${principal.actor.mallId} cannot act in mall ${mall}`);
  }
}

/** The route's gate: a refused token, then the role and mall checks. */
function guard(request: FastifyRequest, route: Pick<RouteSpec, 'roles'>): void {
  if (request.authError !== undefined) throw request.authError;
  authorize(route, request.principal, request.params as Record<string, string>);
}

async function principalOf(request: FastifyRequest, verifier: Verifier): Promise<Principal> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return ANONYMOUS;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
  return verifier.verify(match[1]!);
}

function paramsSchema(url: string) {
  const names = [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  if (names.length === 0) return undefined;
  const properties: Record<string, object> = {};
  for (const n of names) properties[n] = n === 'date' ? { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } : n === 'period' ? { type: 'string', pattern: '^[0-9A-Za-z.-]{4,40}$' } : { type: 'string', pattern: ID_PATTERN };
  return { type: 'object', properties, required: names, additionalProperties: false };
}

/**
 * The gateway's HTTP application: security headers, CORS, rate limits for anonymous callers,
 * bearer-token authentication, the routes of DESIGN.md §6 with JSON Schemas (validation and the
 * OpenAPI document at /docs), problem+json errors, the board's SSE stream and, in the
 * all-in-one demo, the demo issuer.
 */
/** The sign-in provider's origin when it is not this deployment (the web UI calls its token endpoint). */
function issuerOrigin(options: GatewayAppOptions): string[] {
  const issuer = options.web?.uiConfig.issuer;
  if (!issuer || options.demoIssuer) return [];
  try {
    return [new URL(issuer).origin];
  } catch {
    return [];
  }
}

export async function createGatewayApp(options: GatewayAppOptions): Promise<GatewayApp> {
  const openStreams = { count: 0, byAddress: new Map<string, number>() };
  const app = Fastify({
    loggerInstance: options.log as unknown as FastifyBaseLogger,
    // One line per request would drown the services' logs; failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  await app.register(helmet, {
    // No upgrade-insecure-requests: the all-in-one platform and a mall's local server run on plain http.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'", ...issuerOrigin(options)], formAction: ["'self'", 'http:', 'https:'] } },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, { origin: options.corsOrigins.length === 0 ? false : [...options.corsOrigins], credentials: false, exposedHeaders: ['location', 'retry-after'], maxAge: 600 });
  await app.register(rateLimit, {
    global: true,
    // Before the body is read: an anonymous flood is turned away before it costs a parse.
    hook: 'onRequest',
    max: options.anonymousRateLimit,
    timeWindow: 60_000,
    // Signed-in callers (kiosks, officers, dashboards) are not limited here; anonymous ones per address.
    // The UI's static files are not limited: a mall's citizens often share one address.
    allowList: (request) => (request.principal !== undefined && request.principal.role !== 'citizen') || !/^\/(api|oidc)\//.test(request.url),
    errorResponseBuilder: (_request, ctx) => ({ statusCode: 429, message: `too many requests: ${ctx.max} a minute per address for anonymous callers; retry in ${Math.ceil(ctx.ttl / 1000)} s, or sign in` }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'MPP Platform API', version: '1.0.0', description: 'The public API of a Mal Pelayanan Publik deployment: catalog, tickets, counters, bookings, surveys, complaints, the board and reports. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });

  // Bodies are JSON and keep their types (42 is not "42"); path and query text is coerced to the
  // schema's types (`?pageSize=10`, `?dryRun=true`).
  const strict = new Ajv({ removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true, strict: false });
  const coercing = new Ajv({ removeAdditional: false, coerceTypes: 'array', useDefaults: false, allErrors: true, strict: false });
  addFormats(strict);
  addFormats(coercing);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));

  app.decorateRequest('principal', undefined as unknown as Principal);
  app.decorateRequest('span', undefined);
  app.decorateRequest('authError', undefined);
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (request) => {
    const parent = propagation.extract(context.active(), request.headers);
    request.span = tracer().startSpan(`HTTP ${request.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] } }, parent);
    try {
      request.principal = await principalOf(request, options.verifier);
    } catch (error) {
      // A bad token counts as an anonymous caller for the rate limit; the route refuses it.
      request.principal = ANONYMOUS;
      request.authError = error;
    }
  });
  const duration = durationHistogram('mpp_http_server_duration_seconds', 'HTTP requests served by the gateway, by method, route template and status; an event stream lasts until it ends');
  app.addHook('onResponse', async (request, reply) => {
    duration.record(reply.elapsedTime / 1000, { service: 'gateway', method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: reply.statusCode });
    const span = request.span;
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (request.routeOptions.url) span.updateName(`HTTP ${request.method} ${request.routeOptions.url}`);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = problemOf(error, request, request.span);
    if (problem.status >= 500) request.log.error({ err: error, traceId: problem.traceId, url: request.url }, 'request failed');
    return sendProblem(reply, problem);
  });
  const webServed = options.web ? await registerWebUi(app, options.web) : false;
  app.setNotFoundHandler((request, reply) =>
    webServed && isPageRequest(request)
      ? sendIndex(reply)
      : sendProblem(reply, { type: 'urn:mpp:problem:not-found', title: 'Not found', status: 404, detail: `no route ${request.method} ${request.url.split('?')[0]}; the API is under ${API_PREFIX}, its description at /docs`, instance: request.url.split('?')[0]! }),
  );

  const publicUrl = options.publicUrl.replace(/\/$/, '');
  for (const route of ROUTES) {
    const params = paramsSchema(route.url);
    app.route({
      method: route.method,
      url: `${API_PREFIX}${route.url}`,
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      schema: {
        summary: route.summary,
        tags: [route.tag],
        ...(route.roles === 'public' || route.roles.includes('citizen') ? {} : { security: [{ bearer: [] }] }),
        description: route.roles === 'public' ? 'Anyone (anonymous callers are rate-limited).' : `Roles: ${route.roles.map((r) => (r === 'citizen' ? 'anyone (anonymous)' : r)).join(', ')}.`,
        ...(params ? { params } : {}),
        ...(route.query ? { querystring: route.query } : {}),
        ...(route.body && !route.rawBody ? { body: route.body } : {}),
        ...(route.response ? { response: { [route.status ?? 200]: route.response } } : {}),
      },
      // Who may call comes before what they sent: a refused caller's body is not even read.
      preParsing: async (request, _reply, payload) => {
        guard(request, route);
        return payload;
      },
      preValidation: async (request) => {
        if ((route.method === 'POST' || route.method === 'PUT') && (request.body === undefined || request.body === null) && !route.rawBody) request.body = {};
      },
      handler: async (request, reply) => {
        const principal = request.principal;
        const routeParams = request.params as Record<string, string>;
        const span = request.span;
        const ctx = span ? trace.setSpan(context.active(), span) : context.active();
        const result = await context.with(ctx, () =>
          route.handler({
            params: routeParams,
            query: (request.query ?? {}) as Record<string, unknown>,
            body: request.body,
            principal,
            clients: options.clients,
            call: { actor: principal.actor },
            request,
            reply,
            publicUrl,
          }),
        );
        if (reply.sent) return reply;
        return reply.code(route.status ?? 200).send(result);
      },
    });
  }

  app.get(`${API_PREFIX}/malls/:mallId/board/stream`, {
    schema: {
      summary: 'The display board live, as Server-Sent Events (`event: board`, the whole board each time; `Last-Event-ID` resumes; heartbeat comments)',
      tags: ['board'],
      params: paramsSchema('/malls/:mallId'),
      produces: ['text/event-stream'],
    },
    preParsing: async (request, _reply, payload) => {
      guard(request, { roles: 'public' });
      return payload;
    },
    handler: async (request, reply) => {
      const { mallId } = request.params as { mallId: string };
      await streamBoard(request, reply, mallId, { actor: request.principal.actor }, { clients: options.clients, heartbeatMs: options.heartbeatMs, open: openStreams });
    },
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  if (options.demoIssuer) registerDemoIssuer(app, options.demoIssuer, options.clients, publicUrl);
  return { app, openStreams };
}


import { CatalogService, QueueService, ReportingService, SurveyService } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { createLogger } from '@mpp/telemetry';
import { createGatewayApp, type GatewayApp, type GatewayAppOptions } from '../src/app.js';
import type { DemoIssuer } from '../src/auth/demo-issuer.js';
import { createVerifier } from '../src/auth/verify.js';
import type { Clients } from '../src/routes/route.js';

const CLOSED = '127.0.0.1:1';

/** Clients of the four services at a closed port: every call that gets through is a 503. */
export function unreachableClients(): Clients {
  return {
    catalog: createClient(CatalogService, { address: CLOSED, defaultTimeoutMs: 2000 }).client,
    queue: createClient(QueueService, { address: CLOSED, defaultTimeoutMs: 2000 }).client,
    survey: createClient(SurveyService, { address: CLOSED, defaultTimeoutMs: 2000 }).client,
    reporting: createClient(ReportingService, { address: CLOSED, defaultTimeoutMs: 2000 }).client,
  };
}

/** The gateway's HTTP edge alone: services unreachable, tokens of `issuer`, a silent log; `options` override the rest. */
export function edgeGateway(issuer: DemoIssuer, options: Partial<GatewayAppOptions> = {}): Promise<GatewayApp> {
  return createGatewayApp({
    clients: unreachableClients(),
    verifier: createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks }),
    log: createLogger({ service: 'gateway-test', level: 'silent' }),
    corsOrigins: [],
    anonymousRateLimit: 3,
    bodyLimit: 1024 * 1024,
    publicUrl: '',
    heartbeatMs: 1000,
    ...options,
  });
}

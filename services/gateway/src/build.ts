import type { AddressInfo } from 'node:net';
import { CatalogService, QueueService, ReportingService, SurveyService } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { createServiceShell, type RunningService, type ServiceShell } from '@mpp/runtime';
import { createLogger } from '@mpp/telemetry';
import { createGatewayApp } from './app.js';
import type { DemoIssuer } from './auth/demo-issuer.js';
import { createVerifier } from './auth/verify.js';
import type { GatewayConfig } from './config.js';
import type { Clients } from './routes/route.js';
import { BUILT_WEB_ROOT } from './web.js';

export interface GatewayOptions {
  /** All-in-one mode only: the demo issuer whose tokens the API accepts and whose /oidc endpoints it serves. */
  readonly demoIssuer?: DemoIssuer;
}

export interface RunningGateway extends RunningService {
  readonly httpPort: number;
  /** `http://host:port` the API listens on. */
  readonly url: string;
  /** Board streams open right now. */
  readonly openStreams: () => number;
}

export interface GatewayShell extends ServiceShell {
  start(): Promise<RunningGateway>;
}

/** The gateway, ready to start: the public HTTP API over gRPC clients of the four services, and gRPC health. */
export function build(config: GatewayConfig, options: GatewayOptions = {}): GatewayShell {
  return {
    name: 'gateway',
    async start() {
      const log = createLogger({ service: 'gateway', level: config.logLevel });
      const health = await createServiceShell({ name: 'gateway', config, log }).start();
      // No default actor: every call names the verified caller (a call that forgot would be anonymous, never the system).
      const made = {
        catalog: createClient(CatalogService, { address: config.catalogAddress }),
        queue: createClient(QueueService, { address: config.queueAddress }),
        survey: createClient(SurveyService, { address: config.surveyAddress }),
        reporting: createClient(ReportingService, { address: config.reportingAddress }),
      };
      const clients: Clients = { catalog: made.catalog.client, queue: made.queue.client, survey: made.survey.client, reporting: made.reporting.client };
      const closeClients = () => Object.values(made).forEach((c) => c.close());
      const demo = options.demoIssuer;
      const verifier = createVerifier({
        issuer: demo ? demo.issuer : config.oidcIssuer,
        audience: demo ? demo.audience : config.oidcAudience,
        ...(demo ? { jwks: demo.jwks } : config.oidcJwksUrl ? { jwks: new URL(config.oidcJwksUrl) } : {}),
      });
      let gateway;
      try {
        gateway = await createGatewayApp({
          clients,
          verifier,
          log: log.child({ component: 'http' }),
          ...(demo ? { demoIssuer: demo } : {}),
          corsOrigins: config.corsOrigins,
          anonymousRateLimit: config.anonymousRateLimit,
          bodyLimit: config.bodyLimit,
          publicUrl: config.publicUrl,
          heartbeatMs: config.heartbeatMs,
          trustProxy: config.trustProxy,
          web: { root: config.webRoot || BUILT_WEB_ROOT, uiConfig: { issuer: config.oidcIssuer, clientId: config.webClientId, scope: config.webScope } },
        });
        await gateway.app.listen({ host: config.httpHost, port: config.httpPort });
      } catch (error) {
        await gateway?.app.close();
        closeClients();
        await health.stop();
        throw error;
      }
      const { app, openStreams } = gateway;
      const httpPort = (app.server.address() as AddressInfo).port;
      // The name the demo issuer uses too: a browser treats localhost and 127.0.0.1 as different sites.
      const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.httpHost) ? 'localhost' : config.httpHost;
      log.info({ httpPort }, `gateway API on http://${host}:${httpPort}/api/v1 (OpenAPI at /docs)`);
      let stopping: Promise<void> | undefined;
      return {
        ...health,
        httpPort,
        url: `http://${host}:${httpPort}`,
        openStreams: () => openStreams.count,
        stop() {
          stopping ??= (async () => {
            await app.close();
            closeClients();
            await health.stop();
          })();
          return stopping;
        },
      };
    },
  };
}

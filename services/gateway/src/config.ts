import { readConfig, type Env } from '@mpp/config';
import { grpcHost, grpcPort, logLevel } from '@mpp/runtime';

/** Every setting of the gateway service, read from the environment once at start. */
export const configSpec = { grpcHost, grpcPort: grpcPort('gateway', 50055), logLevel };

export type GatewayConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readConfig(configSpec, env);
}

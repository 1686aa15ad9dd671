import { QueueService, type Actor } from '@mpp/contracts';
import { createClient, type Client } from '@mpp/grpc';

type Unwrapped<R> = R extends { view?: infer V } ? NonNullable<V> : R extends { counter?: infer C } ? NonNullable<C> : R extends { booking?: infer B } ? NonNullable<B> : R;
export type Calls = { [K in keyof Client<typeof QueueService>]: Client<typeof QueueService>[K] extends (req: infer Q, o?: infer O) => Promise<infer R> ? (req: Q, o?: O) => Promise<Unwrapped<R>> : never };

/**
 * Queue clients as an actor, whose answers are unwrapped from their response messages (`view`,
 * `counter`, `booking`); `closeAll` closes every one made.
 */
export function queueClients(address: () => string) {
  const closers: (() => void)[] = [];
  return {
    client(as: Actor): Calls {
      const c = createClient(QueueService, { address: address(), actor: as });
      closers.push(c.close);
      return new Proxy(c.client, {
        get: (target, name) => async (...args: unknown[]) => {
          const r = (await (target as unknown as Record<string | symbol, (...a: unknown[]) => Promise<Record<string, unknown>>>)[name]!(...args)) as Record<string, unknown>;
          return r.view ?? r.counter ?? r.booking ?? r;
        },
      }) as unknown as Calls;
    },
    closeAll: () => closers.splice(0).forEach((close) => close()),
  };
}

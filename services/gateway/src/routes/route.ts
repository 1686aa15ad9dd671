import type { DescMessage, DescMethod, JsonValue, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogService, QueueService, ReportingService, SurveyService } from '@mpp/contracts';
import type { CallOptions, Client } from '@mpp/grpc';
import type { Principal } from '../auth/verify.js';
import type { RoleName } from '../auth/roles.js';
import { messageFromRest, messageSchema, messageToRest, type JsonSchema } from '../http/proto-json.js';

/** The gRPC clients of the four services the gateway fronts. */
export interface Clients {
  readonly catalog: Client<typeof CatalogService>;
  readonly queue: Client<typeof QueueService>;
  readonly survey: Client<typeof SurveyService>;
  readonly reporting: Client<typeof ReportingService>;
}

type JsonObject = { [k: string]: JsonValue };

/** What a route's handler gets: validated parts of the request, who calls, the clients. */
export interface RouteContext {
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly principal: Principal;
  readonly clients: Clients;
  /** Per-call options carrying the verified actor (a unary call runs to its deadline even if the client leaves). */
  readonly call: CallOptions;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** The gateway's public base URL (`GATEWAY_PUBLIC_URL`), without a trailing slash; empty if unset. */
  readonly publicUrl: string;
}

/**
 * One public route: where, who may call it (`'public'` = anyone, the anonymous citizen too),
 * its schemas (validation and the OpenAPI document) and the handler — usually one gRPC call.
 */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Under /api/v1, fastify style: `/malls/:mallId/tickets`. */
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly roles: 'public' | readonly RoleName[];
  readonly query?: JsonSchema;
  readonly body?: JsonSchema;
  /** Body content types besides JSON (the import takes CSV). */
  readonly rawBody?: boolean;
  readonly bodyLimit?: number;
  readonly response?: JsonSchema;
  readonly status?: number;
  /** The handler's result is sent as JSON unless it sent the reply itself. */
  handler(ctx: RouteContext): Promise<unknown>;
}

export const PUBLIC = 'public' as const;

/** An id in a path: what the platform's ids look like, and never a path trick. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';

/** The JSON Schema of a request body: the message's fields minus those the path gives. */
export const bodyOf = (message: DescMessage, omit: readonly string[] = []): JsonSchema => messageSchema(message, 'in', [], omit);

/** The JSON Schema of a response: the message's REST shape. */
export const responseOf = (message: DescMessage): JsonSchema => messageSchema(message, 'out');

export const queryOf = (properties: Record<string, JsonSchema>, required: readonly string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  additionalProperties: false,
  ...(required.length ? { required } : {}),
});

export const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a local date, YYYY-MM-DD' };
export const PERIOD = { type: 'string', maxLength: 40, description: '`2026-11`, `2026-Q4`, `2026-S2`, `2026`, or `2026-01-01..2026-03-31`' };

/** Builds a request message from REST JSON (enum words, camelCase) plus ids from the path. */
export function requestOf<M extends DescMessage>(message: M, json: unknown, extra: JsonObject = {}): MessageShape<M> {
  const body = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as JsonObject) : {};
  return messageFromRest(message, { ...body, ...extra });
}

export const restOf = <M extends DescMessage>(message: M, value: MessageShape<M>): JsonObject => messageToRest(message, value);

/** Calls one unary method of a client with the route's call options. */
export async function unary<I extends DescMessage, O extends DescMessage>(
  client: object,
  method: DescMethod & { input: I; output: O },
  request: MessageInitShape<I>,
  call: CallOptions,
): Promise<MessageShape<O>> {
  const fn = (client as Record<string, (req: unknown, opts: CallOptions) => Promise<MessageShape<O>>>)[method.localName];
  if (!fn) throw new Error(`the client has no method ${method.localName}`);
  return fn(request, call);
}

export interface RpcRouteOptions<I extends DescMessage, O extends DescMessage> {
  readonly method: RouteSpec['method'];
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly roles: RouteSpec['roles'];
  readonly service: keyof Clients;
  readonly rpc: DescMethod & { input: I; output: O };
  /** The request field (a message) the body fills, e.g. `booth` of PutBoothRequest; default: the request itself. */
  readonly record?: string;
  /** Path parameters named otherwise than their field: `{ boothId: 'id' }`. */
  readonly paramFields?: Readonly<Record<string, string>>;
  /** Query parameters → request fields (REST JSON names), with their schemas. */
  readonly query?: Readonly<Record<string, { readonly field: string; readonly schema: JsonSchema }>>;
  readonly status?: number;
}

const paramsOf = (url: string): string[] => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);

/**
 * The common route: path ids, query and JSON body → one request message → one gRPC call → its
 * response as REST JSON. Body and response schemas come from the contract itself.
 */
export function rpcRoute<I extends DescMessage, O extends DescMessage>(o: RpcRouteOptions<I, O>): RouteSpec {
  const params = paramsOf(o.url);
  const fieldOfParam = (p: string) => o.paramFields?.[p] ?? p;
  const recordField = o.record ? o.rpc.input.fields.find((f) => f.localName === o.record) : undefined;
  if (o.record && (!recordField || recordField.fieldKind !== 'message')) throw new Error(`${o.rpc.input.typeName} has no message field ${o.record}`);
  const target = recordField?.fieldKind === 'message' ? recordField.message : o.rpc.input;
  const hasBody = o.method === 'POST' || o.method === 'PUT';
  const omit = params.map(fieldOfParam).filter((f) => target.fields.some((x) => x.localName === f));
  const query = o.query ? queryOf(Object.fromEntries(Object.entries(o.query).map(([k, v]) => [k, v.schema]))) : undefined;
  return {
    method: o.method,
    url: o.url,
    summary: o.summary,
    tag: o.tag,
    roles: o.roles,
    ...(query ? { query } : {}),
    ...(hasBody ? { body: bodyOf(target, omit) } : {}),
    response: responseOf(o.rpc.output),
    ...(o.status ? { status: o.status } : {}),
    async handler(ctx) {
      const fromPath: JsonObject = {};
      for (const p of params) fromPath[fieldOfParam(p)] = ctx.params[p] ?? '';
      const fromQuery: JsonObject = {};
      for (const [name, q] of Object.entries(o.query ?? {})) if (ctx.query[name] !== undefined) fromQuery[q.field] = ctx.query[name] as JsonValue;
      const body = hasBody && typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as JsonObject) : {};
      const request = recordField
        ? requestOf(o.rpc.input, { ...fromQuery, [recordField.jsonName]: { ...body, ...pick(fromPath, target) } }, omitFields(fromPath, target))
        : requestOf(o.rpc.input, { ...body, ...fromQuery }, fromPath);
      const res = await unary(ctx.clients[o.service], o.rpc, request as MessageInitShape<I>, ctx.call);
      return restOf(o.rpc.output, res);
    },
  };
}

const pick = (values: JsonObject, message: DescMessage): JsonObject => Object.fromEntries(Object.entries(values).filter(([k]) => message.fields.some((f) => f.localName === k)));
const omitFields = (values: JsonObject, message: DescMessage): JsonObject => Object.fromEntries(Object.entries(values).filter(([k]) => !message.fields.some((f) => f.localName === k)));

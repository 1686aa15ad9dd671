import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { AppError } from '@mpp/errors';

/** A registered event type: its versioned name and its protobuf message. */
export interface EventType<D extends DescMessage = DescMessage> {
  /** e.g. `id.mpp.queue.TicketIssued.v1`, the CloudEvents `ce_type`. */
  readonly name: string;
  readonly schema: D;
}

/** A decoded event: its type after upcasting, and the message. */
export interface DecodedEvent<D extends DescMessage = DescMessage> {
  readonly type: EventType<D>;
  readonly message: MessageShape<D>;
}

/**
 * `mpp.queue.v1.TicketIssued` → `id.mpp.queue.TicketIssued.v1`: the version is the package's.
 */
export function eventTypeName(schema: DescMessage): string {
  const parts = schema.typeName.split('.');
  const name = parts.pop();
  const version = parts.at(-1);
  if (!name || !version || !/^v\d+$/.test(version)) {
    throw new Error(`${schema.typeName}: an event message must live in a versioned package (…v1)`);
  }
  return ['id', ...parts.slice(0, -1), name, version].join('.');
}

type Upcaster = { to: EventType; fn: (old: never) => unknown };

/**
 * The event types a service reads and writes, and the upcasters that turn old shapes into new
 * ones, so handlers and projections only ever see the newest shape.
 *
 * @example
 * const types = new EventTypes();
 * const v1 = types.register(TicketIssuedV1Schema);
 * const v2 = types.register(TicketIssuedSchema, 'id.mpp.queue.TicketIssued.v2');
 * types.upcast(v1, v2, (old) => ({ ...old, source: 'kiosk' }));
 */
export class EventTypes {
  readonly #byName = new Map<string, EventType>();
  readonly #upcasters = new Map<string, Upcaster>();

  register<D extends DescMessage>(schema: D, name = eventTypeName(schema)): EventType<D> {
    const existing = this.#byName.get(name);
    if (existing && existing.schema.typeName !== schema.typeName) {
      throw new Error(`event type ${name} is already registered for ${existing.schema.typeName}`);
    }
    const type: EventType<D> = { name, schema };
    this.#byName.set(name, type);
    return type;
  }

  upcast<A extends DescMessage, B extends DescMessage>(from: EventType<A>, to: EventType<B>, fn: (old: MessageShape<A>) => MessageInitShape<B>): void {
    if (this.#upcasters.has(from.name)) throw new Error(`${from.name} already has an upcaster`);
    this.#upcasters.set(from.name, { to, fn: fn as (old: never) => unknown });
  }

  get(name: string): EventType | undefined {
    return this.#byName.get(name);
  }

  encode<D extends DescMessage>(type: EventType<D>, data: MessageInitShape<D>): { type: string; data: Uint8Array } {
    return { type: type.name, data: toBinary(type.schema, create(type.schema, data)) };
  }

  /** Decodes stored bytes and upcasts them to the newest registered shape. */
  decode(event: { readonly type: string; readonly data: Uint8Array }): DecodedEvent {
    const type = this.#byName.get(event.type);
    if (!type) throw new AppError('invalid', `unknown event type ${event.type}: register it (and its upcaster) first`);
    let current: DecodedEvent = { type, message: fromBinary(type.schema, event.data) };
    for (let up = this.#upcasters.get(current.type.name); up; up = this.#upcasters.get(current.type.name)) {
      current = { type: up.to, message: create(up.to.schema, up.fn(current.message as never) as never) };
    }
    return current;
  }
}

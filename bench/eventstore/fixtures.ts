import { randomUUID } from 'node:crypto';
import { create, createFileRegistry, type DescMessage } from '@bufbuild/protobuf';
import { FieldDescriptorProto_Label, FieldDescriptorProto_Type, FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { EventMetadataSchema, type EventMetadata } from '@mpp/contracts';
import { draft, EventTypes, type Decider, type NewEvent, type ConsumedEvent, type Projection } from '@mpp/eventstore';
import type pg from 'pg';

// The bench's own event message, built from a descriptor at run time (as the package's test
// fixtures do) so the product's contracts hold no bench shapes.
const registry = createFileRegistry(
  create(FileDescriptorSetSchema, {
    file: [
      create(FileDescriptorProtoSchema, {
        name: 'mpp/bench/v1/events.proto',
        package: 'mpp.bench.v1',
        syntax: 'proto3',
        messageType: [
          {
            name: 'Counted',
            field: [
              { name: 'writer', number: 1, type: FieldDescriptorProto_Type.STRING, label: FieldDescriptorProto_Label.OPTIONAL, jsonName: 'writer' },
              { name: 'n', number: 2, type: FieldDescriptorProto_Type.INT32, label: FieldDescriptorProto_Label.OPTIONAL, jsonName: 'n' },
            ],
          },
        ],
      }),
    ],
  }),
);
const CountedSchema: DescMessage = registry.getMessage('mpp.bench.v1.Counted')!;

export const types = new EventTypes();
export const Counted = types.register(CountedSchema);

/** Realistic metadata: every event of the platform carries these. */
export const metadataFields = {
  mallId: 'mall-kendari',
  agencyCode: 'disdukcapil-kendari',
  serviceId: 'ktp-el',
  correlationId: 'corr-1',
} as const;
export const metadata: EventMetadata = create(EventMetadataSchema, metadataFields);

/** `count` Counted events numbered from `from + 1`, as `store.append` takes them. */
export function countedEvents(writer: string, from: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    ...types.encode(Counted, { writer, n: from + i + 1 } as never),
    metadata,
  }));
}

/** A counter aggregate (as in the package's command-handler test): each command adds one event. */
type State = { count: number };
export type CounterCommand = { add: string };
export const counter: Decider<State, CounterCommand> = {
  initialState: () => ({ count: 0 }),
  evolve: (state) => ({ count: state.count + 1 }),
  decide: (command, state) => [draft(Counted, { writer: command.add, n: state.count + 1 } as never)],
};

/**
 * The catch-up benches' read model (as the package's conformance `countingProjection`): decodes
 * each event and counts it per writer in `"schema".counts`, in the consumer's transaction — one
 * upsert per batch through `applyBatch`, as a read model written for catch-up speed does.
 */
export function countingProjection(schema: string, name: string): Projection {
  const writerOf = (event: ConsumedEvent) => (types.decode(event).message as unknown as { writer: string }).writer;
  const add = async (tx: pg.PoolClient, counts: Map<string, number>) => {
    await tx.query(
      `insert into "${schema}".counts (projection, writer, n) select $1, w, n from unnest($2::text[], $3::int[]) as x(w, n)
       on conflict (projection, writer) do update set n = counts.n + excluded.n`,
      [name, [...counts.keys()], [...counts.values()]],
    );
  };
  return {
    name,
    apply: (event, tx) => add(tx, new Map([[writerOf(event), 1]])),
    async applyBatch(events, tx) {
      const counts = new Map<string, number>();
      for (const event of events) {
        const writer = writerOf(event);
        counts.set(writer, (counts.get(writer) ?? 0) + 1);
      }
      await add(tx, counts);
    },
  };
}

export async function countsTable(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`create table if not exists "${schema}".counts (projection text, writer text, n integer not null, primary key (projection, writer))`);
}

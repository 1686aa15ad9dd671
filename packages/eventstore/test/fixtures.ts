import { randomUUID } from 'node:crypto';
import { create, createFileRegistry, type DescMessage } from '@bufbuild/protobuf';
import { FieldDescriptorProto_Label, FieldDescriptorProto_Type, FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { EventMetadataSchema, type EventMetadata } from '@mpp/contracts';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { createEventStore, EventTypes, type EventStore, type NewEvent } from '../src/index.js';

// Event messages for the tests only, built from descriptors at run time so the product's
// contracts hold no test shapes.
const S = FieldDescriptorProto_Type.STRING;
const I = FieldDescriptorProto_Type.INT32;
const OPT = FieldDescriptorProto_Label.OPTIONAL;
const field = (name: string, number: number, type: FieldDescriptorProto_Type) => ({ name, number, type, label: OPT, jsonName: name });

const registry = createFileRegistry(
  create(FileDescriptorSetSchema, {
    file: [
      create(FileDescriptorProtoSchema, {
        name: 'mpp/testing/v1/events.proto',
        package: 'mpp.testing.v1',
        syntax: 'proto3',
        messageType: [
          { name: 'Counted', field: [field('writer', 1, S), field('n', 2, I)] },
          { name: 'TicketIssued', field: [field('number', 1, S)] },
        ],
      }),
      create(FileDescriptorProtoSchema, {
        name: 'mpp/testing/v2/events.proto',
        package: 'mpp.testing.v2',
        syntax: 'proto3',
        messageType: [{ name: 'TicketIssued', field: [field('number', 1, S), field('source', 2, S), field('priority', 3, I)] }],
      }),
    ],
  }),
);

function message(name: string): DescMessage {
  const desc = registry.getMessage(name);
  if (!desc) throw new Error(`fixture ${name} missing`);
  return desc;
}

export const CountedSchema = message('mpp.testing.v1.Counted');
export const TicketIssuedV1Schema = message('mpp.testing.v1.TicketIssued');
export const TicketIssuedV2Schema = message('mpp.testing.v2.TicketIssued');

export const types = new EventTypes();
export const Counted = types.register(CountedSchema);

export const metadata: EventMetadata = create(EventMetadataSchema, {
  mallId: 'mall-kendari',
  agencyCode: 'disdukcapil-kendari',
  serviceId: 'ktp-el',
  correlationId: 'corr-1',
});

/** A `Counted` event ready to append. */
export function counted(writer: string, n: number, meta: EventMetadata = metadata): NewEvent {
  return { id: randomUUID(), ...types.encode(Counted, { writer, n } as never), metadata: meta };
}

export function decodeCounted(data: Uint8Array): { writer: string; n: number } {
  return types.decode({ type: Counted.name, data }).message as unknown as { writer: string; n: number };
}

/** An event store in a fresh schema of the test file's database. */
export async function freshStore(databaseUrl: string, schema: string): Promise<{ store: EventStore; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 24 });
  const store = createEventStore({ pool, schema });
  await store.migrate();
  return { store, pool };
}

/** A fresh database and event store for the test file, closed and dropped after it. */
export function useStore(schema: string): { readonly store: EventStore; readonly pool: pg.Pool } {
  const env = {} as { store: EventStore; pool: pg.Pool; db: TestDatabase };
  beforeAll(async () => {
    env.db = await testDatabase();
    Object.assign(env, await freshStore(env.db.url, schema));
  });
  afterAll(async () => {
    await env.pool.end();
    await env.db.drop();
  });
  return env;
}

import { toBinary, toJson, type DescMessage, type JsonObject } from '@bufbuild/protobuf';
import { file_mpp_catalog_v1_events, file_mpp_queue_v1_events, file_mpp_survey_v1_events, redact, ResponseSubmittedSchema } from '@mpp/contracts';
import { cloudEventHeaders, EventTypes, type ConsumedEvent } from '@mpp/eventstore';
import { isEntitled, type Grants } from './entitlements.js';

/** Every event type of the three sources, decoded through the contracts only. */
export const partnerEvents = new EventTypes();
for (const file of [file_mpp_catalog_v1_events, file_mpp_queue_v1_events, file_mpp_survey_v1_events]) {
  for (const message of file.messages) partnerEvents.register(message);
}

/** An event as one agency receives it: personal data gone, the rest as it was. */
export interface PartnerEvent {
  readonly agencyCode: string;
  readonly id: string;
  readonly type: string;
  /** The Kafka key: the source stream's id, as on the source topic. */
  readonly key: string;
  /** The redacted protobuf event. */
  readonly value: Uint8Array;
  /** The CloudEvents attributes of the source message (binary mode). */
  readonly headers: Readonly<Record<string, string>>;
  /** The same event as a structured-mode CloudEvent (webhooks): attributes and the data as protobuf JSON. */
  readonly json: JsonObject;
}

/**
 * What the contract's markings cannot say, by message type: partners get survey answers without
 * the respondent's profile (DESIGN.md §5). Paths as in `personalFields`.
 */
export const STRIPPED: ReadonlyMap<string, readonly string[]> = new Map([[ResponseSubmittedSchema.typeName, ['response.profile']]]);

/** Clears each stripped path of a message (the last part is set to undefined). */
function strip(typeName: string, message: object): void {
  for (const path of STRIPPED.get(typeName) ?? []) {
    const parts = path.split('.');
    const last = parts.pop()!;
    let holder: unknown = message;
    for (const part of parts) holder = (holder as Record<string, unknown> | undefined)?.[part];
    if (holder && typeof holder === 'object') (holder as Record<string, unknown>)[last] = undefined;
  }
}

/** Headers the platform uses internally (dead-letter bookkeeping, replays), never a partner's business. */
const INTERNAL_HEADER = /^mpp_/;

/** The source of an event as the relay names it (`/mpp/queue`). */
function sourceOf(event: ConsumedEvent): string {
  if (event.origin.transport === 'log') return `/mpp/${event.origin.source}`;
  return event.origin.headers.ce_source ?? `/mpp/${/(?:^|\.)mpp\.([^.]+)\.v\d+$/.exec(event.origin.topic)?.[1] ?? 'unknown'}`;
}

/**
 * The CloudEvents headers of the source message, kept as they were (over Kafka), or as the relay
 * writes them (from the PostgreSQL log).
 */
function headersOf(event: ConsumedEvent): Record<string, string> {
  if (event.origin.transport === 'kafka') {
    return Object.fromEntries(Object.entries(event.origin.headers).filter(([name]) => !INTERNAL_HEADER.test(name)));
  }
  return cloudEventHeaders({ ...event, position: event.origin.position }, sourceOf(event));
}

/** The redacted message of an event: marked fields masked or cleared, then what STRIP removes. */
function redacted(event: ConsumedEvent): { schema: DescMessage; message: ReturnType<typeof redact> } {
  const { type, message } = partnerEvents.decode(event);
  const copy = redact(type.schema, message);
  strip(type.schema.typeName, copy);
  return { schema: type.schema, message: copy };
}

/**
 * The event as its agency receives it, or undefined when no partner is entitled to it (DESIGN.md
 * §5). Throws when the bytes are not the type they claim to be (the consumer dead-letters it).
 */
export function routeEvent(event: ConsumedEvent, grants: Grants): PartnerEvent | undefined {
  const agencyCode = event.metadata.agencyCode;
  if (!isEntitled(agencyCode, event.type, grants)) return undefined;
  const { schema, message } = redacted(event);
  const headers = headersOf(event);
  const json: JsonObject = {
    specversion: '1.0',
    id: event.id,
    source: headers.ce_source ?? sourceOf(event),
    type: event.type,
    subject: event.streamId,
    time: event.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    ...(headers.ce_mallid ? { mallid: headers.ce_mallid } : {}),
    agencycode: agencyCode,
    ...(headers.ce_serviceid ? { serviceid: headers.ce_serviceid } : {}),
    data: toJson(schema, message) as JsonObject,
  };
  return { agencyCode, id: event.id, type: event.type, key: event.streamId, value: toBinary(schema, message), headers, json };
}

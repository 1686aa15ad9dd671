import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { Metadata } from '@grpc/grpc-js';
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { ActorSchema, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';

/** The verified actor travels as a binary protobuf `mpp.common.v1.Actor`. */
export const ACTOR_HEADER = 'mpp-actor-bin';

export function setActor(metadata: Metadata, actor: Actor): void {
  metadata.set(ACTOR_HEADER, Buffer.from(toBinary(ActorSchema, create(ActorSchema, actor))));
}

export function getActor(metadata: Metadata): Actor | undefined {
  const raw = metadata.get(ACTOR_HEADER)[0];
  if (raw === undefined) return undefined;
  if (!(raw instanceof Buffer)) throw new AppError('invalid', `${ACTOR_HEADER} must be binary`);
  try {
    return fromBinary(ActorSchema, raw);
  } catch (error) {
    throw new AppError('invalid', `${ACTOR_HEADER} is not a valid mpp.common.v1.Actor`, { cause: error });
  }
}

/** Lets OpenTelemetry propagators read and write `traceparent`/`tracestate` in gRPC metadata. */
export const metadataSetter: TextMapSetter<Metadata> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

export const metadataGetter: TextMapGetter<Metadata> = {
  keys: (carrier) => Object.keys(carrier.getMap()),
  get: (carrier, key) => {
    const values = carrier.get(key).filter((v): v is string => typeof v === 'string');
    if (values.length === 0) return undefined;
    return values.length === 1 ? values[0] : values;
  },
};

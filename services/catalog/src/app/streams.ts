import { createHash } from 'node:crypto';

/** The catalog's streams: one per record, named by its natural key (uniqueness by construction). */
export const streams = {
  mall: (id: string) => `mall-${id}`,
  agency: (code: string) => `agency-${code}`,
  booth: (id: string) => `booth-${id}`,
  counter: (id: string) => `counter-${id}`,
  queue: (id: string) => `queue-${id}`,
  service: (id: string) => `service-${id}`,
  standard: (serviceId: string) => `standard-${serviceId}`,
  /** All of a mall's MPP Bergerak visits, so overlaps are seen in one place. */
  mobile: (mallId: string) => `mobile-${mallId}`,
  // A stream id is a Kafka key and a CloudEvents subject, never masked: an officer's
  // identity-provider subject (personal data) stays in the marked field only.
  officer: (subject: string) => `officer-${createHash('sha256').update(subject).digest('hex').slice(0, 32)}`,
} as const;

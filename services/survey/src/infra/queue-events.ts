import { TicketCompletedSchema, TicketIssuedSchema } from '@mpp/contracts';
import { EventTypes } from '@mpp/eventstore';

/** The queue's events the survey reads (`mpp.queue.v1`, through the contracts only). */
export const queueEvents = new EventTypes();
export const TicketIssued = queueEvents.register(TicketIssuedSchema);
export const TicketCompleted = queueEvents.register(TicketCompletedSchema);

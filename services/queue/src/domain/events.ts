import {
  ApplicationOpenedSchema,
  ApplicationStatusChangedSchema,
  BookingCancelledSchema,
  BookingCheckedInSchema,
  BookingMadeSchema,
  BookingNoShowSchema,
  CounterClosedSchema,
  CounterFreedSchema,
  CounterOpenedSchema,
  CounterPausedSchema,
  CounterTookTicketSchema,
  QueueDayClosedSchema,
  ServingStartedSchema,
  TicketCalledSchema,
  TicketCancelledSchema,
  TicketCompletedSchema,
  TicketIssuedSchema,
  TicketNoShowSchema,
  TicketRecalledSchema,
  TicketTransferredSchema,
} from '@mpp/contracts';
import { EventTypes } from '@mpp/eventstore';

/** Every event the queue service writes (`id.mpp.queue.<Name>.v1`). */
export const queueEvents = new EventTypes();

export const TicketIssued = queueEvents.register(TicketIssuedSchema);
export const TicketCalled = queueEvents.register(TicketCalledSchema);
export const TicketRecalled = queueEvents.register(TicketRecalledSchema);
export const ServingStarted = queueEvents.register(ServingStartedSchema);
export const TicketCompleted = queueEvents.register(TicketCompletedSchema);
export const TicketNoShow = queueEvents.register(TicketNoShowSchema);
export const TicketTransferred = queueEvents.register(TicketTransferredSchema);
export const TicketCancelled = queueEvents.register(TicketCancelledSchema);
export const QueueDayClosed = queueEvents.register(QueueDayClosedSchema);
export const CounterOpened = queueEvents.register(CounterOpenedSchema);
export const CounterPaused = queueEvents.register(CounterPausedSchema);
export const CounterClosed = queueEvents.register(CounterClosedSchema);
export const CounterTookTicket = queueEvents.register(CounterTookTicketSchema);
export const CounterFreed = queueEvents.register(CounterFreedSchema);
export const BookingMade = queueEvents.register(BookingMadeSchema);
export const BookingCancelled = queueEvents.register(BookingCancelledSchema);
export const BookingCheckedIn = queueEvents.register(BookingCheckedInSchema);
export const BookingNoShow = queueEvents.register(BookingNoShowSchema);
export const ApplicationOpened = queueEvents.register(ApplicationOpenedSchema);
export const ApplicationStatusChanged = queueEvents.register(ApplicationStatusChangedSchema);

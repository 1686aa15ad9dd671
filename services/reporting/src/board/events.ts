import {
  CounterChangedSchema,
  CounterClosedSchema,
  CounterOpenedSchema,
  CounterPausedSchema,
  CounterRegisteredSchema,
  NoticeSetSchema,
  QueueChangedSchema,
  QueueDayClosedSchema,
  QueueRegisteredSchema,
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

/** The catalog's and the queue's events the board reads (through the contracts only). */
export const boardEvents = new EventTypes();
export const QueueRegistered = boardEvents.register(QueueRegisteredSchema);
export const QueueChanged = boardEvents.register(QueueChangedSchema);
export const CounterRegistered = boardEvents.register(CounterRegisteredSchema);
export const CounterChanged = boardEvents.register(CounterChangedSchema);
export const NoticeSet = boardEvents.register(NoticeSetSchema);
export const TicketIssued = boardEvents.register(TicketIssuedSchema);
export const TicketCalled = boardEvents.register(TicketCalledSchema);
export const TicketRecalled = boardEvents.register(TicketRecalledSchema);
export const ServingStarted = boardEvents.register(ServingStartedSchema);
export const TicketCompleted = boardEvents.register(TicketCompletedSchema);
export const TicketNoShow = boardEvents.register(TicketNoShowSchema);
export const TicketTransferred = boardEvents.register(TicketTransferredSchema);
export const TicketCancelled = boardEvents.register(TicketCancelledSchema);
export const QueueDayClosed = boardEvents.register(QueueDayClosedSchema);
export const CounterOpened = boardEvents.register(CounterOpenedSchema);
export const CounterPaused = boardEvents.register(CounterPausedSchema);
export const CounterClosed = boardEvents.register(CounterClosedSchema);

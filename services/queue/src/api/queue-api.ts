import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { QueueService } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { ServiceImpl } from '@mpp/grpc';
import type { QueueApp } from '../app/queue-app.js';

function present(value: string, field: string): string {
  if (value === '') throw new AppError('invalid', `${field} is required`, { violations: [{ field, reason: 'is required' }] });
  return value;
}

/** The queue's gRPC API: requests to the application's commands and queries, nothing more. */
export function queueApi(app: QueueApp): ServiceImpl<typeof QueueService> {
  const { tickets, counters, bookings, applications } = app;
  return {
    issueTicket: async (req, ctx) => ({ view: await tickets.issue(ctx.actor, { mallId: req.mallId, serviceId: req.serviceId, source: req.source, priorityGroup: req.priorityGroup, notifyPhone: req.notifyPhone, requestId: req.requestId }) }),
    getTicket: async (req) => ({ view: await tickets.get(present(req.ticketId, 'ticket_id')) }),
    cancelTicket: async (req, ctx) => ({ view: await tickets.cancel(ctx.actor, present(req.ticketId, 'ticket_id')) }),
    openCounter: async (req, ctx) => ({ counter: await counters.open(ctx.actor, req.counterId, req.serviceIds, req.queueIds) }),
    pauseCounter: async (req, ctx) => ({ counter: await counters.pause(ctx.actor, present(req.counterId, 'counter_id')) }),
    closeCounter: async (req, ctx) => ({ counter: await counters.close(ctx.actor, present(req.counterId, 'counter_id')) }),
    getCounter: async (req) => ({ counter: await counters.get(present(req.counterId, 'counter_id')) }),
    listWaiting: async (req) => ({ tickets: await counters.waiting(present(req.counterId, 'counter_id')) }),
    callNext: async (req, ctx) => ({ view: await counters.callNext(ctx.actor, present(req.counterId, 'counter_id')) }),
    callTicket: async (req, ctx) => ({ view: await counters.call(ctx.actor, present(req.counterId, 'counter_id'), present(req.ticketId, 'ticket_id'), req.reason) }),
    recallTicket: async (req, ctx) => ({ view: await counters.recall(ctx.actor, present(req.ticketId, 'ticket_id')) }),
    startServing: async (req, ctx) => ({ view: await counters.start(ctx.actor, present(req.ticketId, 'ticket_id')) }),
    markNoShow: async (req, ctx) => ({ view: await counters.noShow(ctx.actor, present(req.ticketId, 'ticket_id')) }),
    completeTicket: (req, ctx) => counters.complete(ctx.actor, present(req.ticketId, 'ticket_id'), req.outcome, req.deliveredServiceIds, req.openApplication),
    transferTicket: (req, ctx) => counters.transfer(ctx.actor, present(req.ticketId, 'ticket_id'), present(req.toServiceId, 'to_service_id')),
    async closeQueueDay(req, ctx) {
      return { expiredTicketIds: await app.closeDay(ctx.actor, present(req.queueId, 'queue_id'), present(req.date, 'date')) };
    },
    auditDay: (req, ctx) => app.audit.day(ctx.actor, req.mallId, req.date),
    async listSlots(req) {
      return { slots: await bookings.slots(present(req.mallId, 'mall_id'), present(req.serviceId, 'service_id'), present(req.date, 'date')) };
    },
    book: async (req, ctx) => ({
      booking: await bookings.book(ctx.actor, { mallId: present(req.mallId, 'mall_id'), serviceId: present(req.serviceId, 'service_id'), slotStart: req.slotStart ? timestampDate(req.slotStart) : undefined, phone: req.phone, deviceId: req.deviceId, requestId: req.requestId }),
    }),
    cancelBooking: async (req, ctx) => ({ booking: await bookings.cancel(ctx.actor, present(req.bookingId, 'booking_id')) }),
    checkIn: async (req, ctx) => ({ view: await bookings.checkIn(ctx.actor, present(req.bookingId, 'booking_id'), req.notifyPhone) }),
    getBooking: async (req) => ({ booking: await bookings.get(present(req.bookingId, 'booking_id')) }),
    getApplication: (req) => {
      if (req.trackingCode === '' && req.applicationId === '') throw new AppError('invalid', 'give a tracking code or an application id', { violations: [{ field: 'tracking_code', reason: 'is required' }] });
      return applications.get(req);
    },
    setApplicationStatus: (req, ctx) => applications.setStatus(ctx.actor, present(req.applicationId, 'application_id'), req.status, req.note),
    async listApplications(req, ctx) {
      return { applications: await applications.list(ctx.actor, present(req.mallId, 'mall_id'), req.agencyCode, req.overdueOnly) };
    },
  };
}

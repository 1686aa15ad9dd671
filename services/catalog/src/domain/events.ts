import {
  AgencyChangedSchema,
  AgencyRegisteredSchema,
  BoothChangedSchema,
  BoothRegisteredSchema,
  CounterChangedSchema,
  CounterRegisteredSchema,
  MallChangedSchema,
  MallRegisteredSchema,
  MobileVisitCancelledSchema,
  MobileVisitChangedSchema,
  MobileVisitScheduledSchema,
  NoticeSetSchema,
  OfficerChangedSchema,
  OfficerRegisteredSchema,
  QueueChangedSchema,
  QueuePolicySetSchema,
  QueueRegisteredSchema,
  ServiceChangedSchema,
  ServiceRegisteredSchema,
  StandardAdoptedSchema,
} from '@mpp/contracts';
import { EventTypes } from '@mpp/eventstore';

/** Every event the catalog writes (`id.mpp.catalog.<Name>.v1`), and how to read them back. */
export const catalogEvents = new EventTypes();

export const MallRegistered = catalogEvents.register(MallRegisteredSchema);
export const MallChanged = catalogEvents.register(MallChangedSchema);
export const QueuePolicySet = catalogEvents.register(QueuePolicySetSchema);
export const NoticeSet = catalogEvents.register(NoticeSetSchema);
export const AgencyRegistered = catalogEvents.register(AgencyRegisteredSchema);
export const AgencyChanged = catalogEvents.register(AgencyChangedSchema);
export const BoothRegistered = catalogEvents.register(BoothRegisteredSchema);
export const BoothChanged = catalogEvents.register(BoothChangedSchema);
export const CounterRegistered = catalogEvents.register(CounterRegisteredSchema);
export const CounterChanged = catalogEvents.register(CounterChangedSchema);
export const QueueRegistered = catalogEvents.register(QueueRegisteredSchema);
export const QueueChanged = catalogEvents.register(QueueChangedSchema);
export const ServiceRegistered = catalogEvents.register(ServiceRegisteredSchema);
export const ServiceChanged = catalogEvents.register(ServiceChangedSchema);
export const StandardAdopted = catalogEvents.register(StandardAdoptedSchema);
export const MobileVisitScheduled = catalogEvents.register(MobileVisitScheduledSchema);
export const MobileVisitChanged = catalogEvents.register(MobileVisitChangedSchema);
export const MobileVisitCancelled = catalogEvents.register(MobileVisitCancelledSchema);
export const OfficerRegistered = catalogEvents.register(OfficerRegisteredSchema);
export const OfficerChanged = catalogEvents.register(OfficerChangedSchema);

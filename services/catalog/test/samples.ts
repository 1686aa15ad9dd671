import { create, type MessageInitShape } from '@bufbuild/protobuf';
import {
  AgencyKind,
  AgencySchema,
  BoothSchema,
  Channel,
  MallSchema,
  MembershipSchema,
  MembershipStatus,
  ServiceSchema,
  ServiceStatus,
  Weekday,
} from '@mpp/contracts';

const weekdays = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY];

/** MPP Kendari (WITA): Mon–Thu 08:00–12:00 and 13:00–16:00, Fri with the long prayer break, Sat mornings. */
export const kendari = (over: Partial<MessageInitShape<typeof MallSchema>> = {}) =>
  create(MallSchema, <MessageInitShape<typeof MallSchema>>{
    id: 'kendari',
    name: 'Mal Pelayanan Publik Kota Kendari',
    city: 'Kota Kendari',
    address: 'Jl. Drs. H. Abdullah Silondae No. 8',
    timeZone: 'Asia/Makassar',
    weeklyHours: [
      ...weekdays.map((weekday) => ({ weekday, intervals: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }] })),
      { weekday: Weekday.FRIDAY, intervals: [{ open: '08:00', close: '11:30' }, { open: '13:30', close: '16:00' }] },
      { weekday: Weekday.SATURDAY, intervals: [{ open: '08:00', close: '12:00' }] },
    ],
    ...over,
  });

export const disdukcapil = (status = MembershipStatus.ACTIVE) => ({
  agency: create(AgencySchema, { code: 'disdukcapil-kendari', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: AgencyKind.OPD }),
  membership: create(MembershipSchema, { mallId: 'kendari', status, mouSignedOn: '2021-03-01', pksSignedOn: '2021-06-01' }),
});

export const booth1 = (over: Partial<MessageInitShape<typeof BoothSchema>> = {}) =>
  create(BoothSchema, <MessageInitShape<typeof BoothSchema>>{ id: 'kendari:1', mallId: 'kendari', number: '1', name: 'Gerai Disdukcapil', floor: '1', agencyCode: 'disdukcapil-kendari', active: true, ...over });

export const ktp = (over: Partial<MessageInitShape<typeof ServiceSchema>> = {}) =>
  create(ServiceSchema, <MessageInitShape<typeof ServiceSchema>>{
    id: 'kendari:ktp-el-baru',
    mallId: 'kendari',
    code: 'ktp-el-baru',
    nameId: 'Perekaman KTP-el Baru',
    nameEn: 'New electronic ID card (KTP-el)',
    agencyCode: 'disdukcapil-kendari',
    queueId: 'kendari:A',
    boothIds: ['kendari:1'],
    channels: [Channel.LANGSUNG],
    expectedHandlingMinutes: 10,
    dailyQuota: 150,
    status: ServiceStatus.ACTIVE,
    ...over,
  });

export const serviceFacts = {
  mallTimeZone: 'Asia/Makassar',
  mallHours: kendari().weeklyHours,
  agencyStatus: MembershipStatus.ACTIVE,
  queueMall: 'kendari',
  boothAgencies: { 'kendari:1': 'disdukcapil-kendari' },
  priorityGroups: ['lansia', 'disabilitas'],
} as const;

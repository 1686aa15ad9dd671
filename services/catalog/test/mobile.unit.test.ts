import { create } from '@bufbuild/protobuf';
import { MobileVisitSchema } from '@mpp/contracts';
import { describe, it } from 'vitest';
import { mobileSchedule } from '../src/domain/mobile/mobile.js';
import { given } from './given.js';

const visit = (id: string, place: string, open: string, close: string) =>
  create(MobileVisitSchema, { id, mallId: 'kendari', date: '2026-12-05', hours: { open, close }, place, serviceIds: ['kendari:ktp-el-baru'] });
const facts = { serviceMalls: { 'kendari:ktp-el-baru': 'kendari' } };

describe('MPP Bergerak schedule', () => {
  it('schedules visits at one place that do not overlap, and refuses one that does', () => {
    const first = given(mobileSchedule).when({ kind: 'put', visit: visit('poasia-pagi', 'Kantor Camat Poasia', '08:00', '12:00'), facts }).result();
    given(mobileSchedule, first).when({ kind: 'put', visit: visit('poasia-siang', 'Kantor Camat Poasia', '12:00', '15:00'), facts }).thenTypes(['MobileVisitScheduled']);
    given(mobileSchedule, first)
      .when({ kind: 'put', visit: visit('poasia-2', 'kantor camat poasia ', '11:00', '13:00'), facts })
      .thenRefused([{ field: 'hours', reason: 'overlaps visit poasia-pagi' }]);
    given(mobileSchedule, first).when({ kind: 'put', visit: visit('kambu', 'Kantor Camat Kambu', '08:00', '12:00'), facts }).thenTypes(['MobileVisitScheduled']);
  });

  it('cancels a visit it has, and refuses one it has not', () => {
    const first = given(mobileSchedule).when({ kind: 'put', visit: visit('poasia-pagi', 'Kantor Camat Poasia', '08:00', '12:00'), facts }).result();
    given(mobileSchedule, first).when({ kind: 'cancel', mallId: 'kendari', visitId: 'poasia-pagi' }).thenTypes(['MobileVisitCancelled']);
    given(mobileSchedule, first).when({ kind: 'cancel', mallId: 'kendari', visitId: 'nowhere' }).thenRefused([{ field: 'visit_id' }]);
  });
});

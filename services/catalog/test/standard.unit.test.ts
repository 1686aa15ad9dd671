import { create } from '@bufbuild/protobuf';
import { ServiceStandardSchema } from '@mpp/contracts';
import { describe, expect, it } from 'vitest';
import { reviewOverdue, standard } from '../src/domain/standard/standard.js';
import { given } from './given.js';

const ktpStandard = (over: Partial<{ decreeNumber: string; reviewedOn: string; fee: string }> = {}) =>
  create(ServiceStandardSchema, {
    serviceId: 'kendari:ktp-el-baru',
    mallId: 'kendari',
    decreeNumber: over.decreeNumber ?? '470/123/Disdukcapil/2025',
    adoptedOn: '2025-01-15',
    reviewedOn: over.reviewedOn ?? '',
    public: {
      requirements: ['Fotokopi Kartu Keluarga', 'Berusia 17 tahun atau sudah menikah'],
      procedure: 'Ambil antrian, perekaman biometrik, pencetakan',
      completionTime: '1 hari kerja',
      fee: over.fee ?? 'Gratis',
      product: 'KTP-el',
      complaintHandling: 'SP4N-LAPOR!, kotak pengaduan, WhatsApp',
    },
  });
const facts = { serviceMall: 'kendari' };

describe('service standard (Standar Pelayanan)', () => {
  it('adopts version 1, then version 2 only when something changed', () => {
    const first = given(standard).when({ standard: ktpStandard(), facts }).result();
    expect((first[0]!.data as { standard: { version: number } }).standard.version).toBe(1);
    given(standard, first).when({ standard: ktpStandard(), facts }).thenNothing();
    const second = given(standard, first).when({ standard: ktpStandard({ fee: 'Rp 0' }), facts }).result();
    expect((second[0]!.data as { standard: { version: number } }).standard.version).toBe(2);
  });

  it('refuses a standard without requirements or decree, or reviewed before it was adopted', () => {
    const s = ktpStandard({ decreeNumber: '', reviewedOn: '2024-12-31' });
    s.public!.requirements = [];
    given(standard)
      .when({ standard: s, facts })
      .thenRefused([{ field: 'decree_number' }, { field: 'reviewed_on', reason: 'before the adoption' }, { field: 'public.requirements' }]);
  });

  it('flags a review as overdue a year after the last adoption or review', () => {
    expect(reviewOverdue(ktpStandard(), '2026-01-15')).toBe(false);
    expect(reviewOverdue(ktpStandard(), '2026-01-16')).toBe(true);
    expect(reviewOverdue(ktpStandard({ reviewedOn: '2026-01-10' }), '2026-06-01')).toBe(false);
  });
});

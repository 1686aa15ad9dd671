import { ComplaintChannel, ComplaintKind } from '@mpp/contracts';
import { describe, expect, it } from 'vitest';
import { complaint, overdueAt, type ComplaintCommand } from '../src/domain/complaint/complaint.js';
import { given, history as events } from './given.js';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const day = (d: number) => new Date(T0 + d * 86_400_000);
const receive = (over: Partial<Extract<ComplaintCommand, { kind: 'receive' }>> = {}): ComplaintCommand => ({
  kind: 'receive',
  id: 'c-1',
  mallId: 'kendari',
  agencyCode: 'samsat-sultra',
  serviceId: 'kendari:pkb-tahunan',
  ticketId: '',
  channel: ComplaintChannel.WEB,
  complaintKind: ComplaintKind.COMPLAINT,
  category: 'staff',
  text: 'Petugas loket 12 meminta biaya tambahan di luar tarif resmi.',
  contact: { name: 'Wa Ode', phone: '0812 1111 2222', email: '' },
  needsFieldCheck: false,
  at: day(0),
  ...over,
});

const history = (...commands: ComplaintCommand[]) => events(complaint, ...commands);

describe('a complaint', () => {
  it('is received with its deadlines: first response in 3 days, resolution by kind', () => {
    const due = (over: Partial<Extract<ComplaintCommand, { kind: 'receive' }>>) => {
      const [e] = given(complaint).when(receive(over)).result();
    expect(e!.data).toMatchObject({ complaint: { hasContact: true } });
    expect((e!.data as { complaint: { contact?: unknown } }).complaint.contact).toBeUndefined(); // never in the event
      const c = (e!.data as { complaint: { respondBy: { seconds: bigint }; resolveBy: { seconds: bigint } } }).complaint;
      return [c.respondBy, c.resolveBy].map((t) => (Number(t.seconds) * 1000 - T0) / 86_400_000);
    };
    expect(due({})).toEqual([3, 5]);
    expect(due({ complaintKind: ComplaintKind.INFORMATION_REQUEST })).toEqual([3, 5]);
    expect(due({ complaintKind: ComplaintKind.DISPUTE })).toEqual([3, 14]);
    expect(due({ complaintKind: ComplaintKind.DISPUTE, needsFieldCheck: true })).toEqual([3, 60]);
    given(complaint, history(receive())).when(receive()).thenNothing(); // a retried intake
  });

  it('refuses an intake without a category, with oversized text or a bad contact, field by field', () => {
    given(complaint).when(receive({ category: '' })).thenRefused([{ field: 'category', reason: 'is required' }]);
    given(complaint).when(receive({ category: 'parking', text: 'x'.repeat(4001) })).thenRefused([{ field: 'category', reason: 'must be one of' }, { field: 'text', reason: 'longer than 4000' }]);
    given(complaint).when(receive({ text: '  ', channel: ComplaintChannel.UNSPECIFIED, complaintKind: ComplaintKind.UNSPECIFIED })).thenRefused([{ field: 'text', reason: 'is required' }, { field: 'channel' }, { field: 'kind' }]);
    given(complaint).when(receive({ contact: { name: '', phone: 'call me', email: 'nope' } })).thenRefused([{ field: 'contact.phone' }, { field: 'contact.email' }]);
    given(complaint).when(receive({ needsFieldCheck: true })).thenRefused([{ field: 'needs_field_check', reason: 'only a dispute' }]);
  });

  it('moves received → responded → resolved, or is forwarded; nothing after the end', () => {
    const received = history(receive());
    given(complaint, received).when({ kind: 'respond', text: 'Kami sedang memeriksa.', at: day(1) }).thenTypes(['ComplaintResponded']);
    const responded = history(receive(), { kind: 'respond', text: 'Kami sedang memeriksa.', at: day(1) });
    given(complaint, responded).when({ kind: 'respond', text: 'lagi', at: day(2) }).thenFails('illegal_state', /it is responded to/);
    given(complaint, responded).when({ kind: 'resolve', text: 'Petugas telah ditegur; biaya dikembalikan.', at: day(4) }).thenTypes(['ComplaintResolved']);
    given(complaint, received).when({ kind: 'forward', to: 'Inspektorat Kota Kendari', reason: 'dugaan pungli', at: day(1) }).thenTypes(['ComplaintForwarded']);
    const resolved = history(receive(), { kind: 'resolve', text: 'Selesai.', at: day(1) });
    given(complaint, resolved).when({ kind: 'forward', to: 'x', reason: 'y', at: day(2) }).thenFails('illegal_state', /it is resolved/);
    given(complaint, received).when({ kind: 'respond', text: ' ', at: day(1) }).thenRefused([{ field: 'text', reason: 'is required' }]);
    given(complaint).when({ kind: 'respond', text: 'x', at: day(1) }).thenFails('not_found');
  });

  it('is marked overdue once per deadline, only when the step is not taken in time', () => {
    const received = history(receive());
    given(complaint, received).when({ kind: 'check-deadline', deadline: 'first_response', at: day(2.9) }).thenNothing();
    given(complaint, received).when({ kind: 'check-deadline', deadline: 'first_response', at: day(3) }).thenTypes(['ComplaintOverdue']);
    const late = history(receive(), { kind: 'check-deadline', deadline: 'first_response', at: day(3) });
    given(complaint, late).when({ kind: 'check-deadline', deadline: 'first_response', at: day(4) }).thenNothing();
    const responded = history(receive(), { kind: 'respond', text: 'Diterima.', at: day(1) });
    given(complaint, responded).when({ kind: 'check-deadline', deadline: 'first_response', at: day(3) }).thenNothing();
    given(complaint, responded).when({ kind: 'check-deadline', deadline: 'resolution', at: day(5) }).thenTypes(['ComplaintOverdue']);
    // A first response after the deadline, and the timer firing later still (the scheduler was down): overdue all the same.
    const lateAnswer = history(receive(), { kind: 'respond', text: 'Maaf terlambat.', at: day(4) });
    given(complaint, lateAnswer).when({ kind: 'check-deadline', deadline: 'first_response', at: day(6) }).thenTypes(['ComplaintOverdue']);
    const forwardedInTime = history(receive(), { kind: 'forward', to: 'Inspektorat', reason: 'wewenang', at: day(1) });
    given(complaint, forwardedInTime).when({ kind: 'check-deadline', deadline: 'resolution', at: day(5) }).thenNothing();
    const state = given(complaint, responded).state.complaint!;
    expect(overdueAt(state, day(4))).toEqual([]);
    expect(overdueAt(state, day(5))).toEqual(['resolution']);
    expect(overdueAt(given(complaint, received).state.complaint!, day(5))).toEqual(['first_response', 'resolution']);
  });

  it('keeps SP4N-LAPOR!’s reference once', () => {
    const received = history(receive());
    given(complaint, received).when({ kind: 'sent-to-lapor', reference: 'LAPOR-2026-000123', at: day(0) }).thenTypes(['ComplaintSentToLapor']);
    given(complaint, history(receive(), { kind: 'sent-to-lapor', reference: 'LAPOR-2026-000123', at: day(0) })).when({ kind: 'sent-to-lapor', reference: 'other', at: day(1) }).thenNothing();
  });
});

import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ActorSchema, PersonalDataKind, Role } from './index.js';
import { maskValue, personalFields, redact } from './personal-data.js';

describe('personal-data markings in the contract', () => {
  it('finds the marked fields of a message with why and how long they are kept', () => {
    const fields = personalFields(ActorSchema);
    expect(fields.map((f) => f.path)).toEqual(['subject']);
    expect(fields[0]?.marking).toMatchObject({ kind: PersonalDataKind.PSEUDONYMOUS_ID, purpose: 'audit of who did what', retention: 'P5Y' });
  });

  it('redacts a copy and leaves the original and the unmarked fields alone', () => {
    const actor = create(ActorSchema, { subject: 'officer-7', role: Role.OFFICER, agencyCode: 'polres-kendari', mallId: 'mall-1' });
    const masked = redact(ActorSchema, actor);
    expect(masked).toMatchObject({ subject: '***', role: Role.OFFICER, agencyCode: 'polres-kendari', mallId: 'mall-1' });
    expect(actor.subject).toBe('officer-7');
  });

  it('keeps only the last digits of a phone number and nothing of other kinds', () => {
    expect(maskValue(PersonalDataKind.PHONE, '+6281234567890')).toBe('***890');
    expect(maskValue(PersonalDataKind.NATIONAL_ID, '7471010101010001')).toBe('***');
    expect(maskValue(PersonalDataKind.NAME, '')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { create } from '@bufbuild/protobuf';
import { IssueTicketRequestSchema, RespondentProfileSchema, SourceSchema, SubmitResponseRequestSchema, TicketSchema, TicketStatus } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { enumWords, messageFromRest, messageSchema, messageToRest } from '../src/http/proto-json.js';

describe('the REST shape of the contracts', () => {
  it('names enum values in plain words, without their enum’s prefix, even where the rest starts with a digit', () => {
    expect(enumWords(SourceSchema)).toEqual(['kiosk', 'online', 'mobile-unit', 'walk-in']);
    expect(messageToRest(RespondentProfileSchema, create(RespondentProfileSchema, { ageGroup: 2 }))).toMatchObject({ ageGroup: '20-to-29', sex: null });
  });

  it('reads a request in those words and writes a response with every field', () => {
    const req = messageFromRest(IssueTicketRequestSchema, { mallId: 'kendari', serviceId: 's', source: 'walk-in' });
    expect(req.source).toBe(4);
    const out = messageToRest(TicketSchema, create(TicketSchema, { id: 't', status: TicketStatus.NO_SHOW }));
    expect(out).toMatchObject({ id: 't', status: 'no-show', recalls: 0, counterId: '' });
  });

  it('refuses an unknown word naming the field and the words it takes', () => {
    let error: AppError | undefined;
    try {
      messageFromRest(SubmitResponseRequestSchema, { token: 't', profile: { sex: 'other' } });
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe('invalid');
    expect(error?.violations).toEqual([{ field: 'profile.sex', reason: 'must be one of male, female' }]);
  });

  it('derives the request schema from the contract, leaving out what the path gives and refusing unknown fields', () => {
    const schema = messageSchema(IssueTicketRequestSchema, 'in', [], ['mallId']) as { properties: Record<string, { enum?: string[] }>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(['serviceId', 'source', 'priorityGroup', 'notifyPhone', 'requestId']);
    expect(schema.properties.source!.enum).toEqual(['kiosk', 'online', 'mobile-unit', 'walk-in']);
    expect(schema.additionalProperties).toBe(false);
  });
});

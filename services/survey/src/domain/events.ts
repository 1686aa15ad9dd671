import {
  ComplaintForwardedSchema,
  ComplaintOverdueSchema,
  ComplaintReceivedSchema,
  ComplaintResolvedSchema,
  ComplaintRespondedSchema,
  ComplaintSentToLaporSchema,
  FollowUpPlannedSchema,
  FollowUpStatusChangedSchema,
  InvitationExpiredSchema,
  InvitationOpenedSchema,
  ResponseSubmittedSchema,
  ResultsPublishedSchema,
} from '@mpp/contracts';
import { EventTypes } from '@mpp/eventstore';

/** Every event the survey service writes (`id.mpp.survey.<Name>.v1`). */
export const surveyEvents = new EventTypes();

export const InvitationOpened = surveyEvents.register(InvitationOpenedSchema);
export const InvitationExpired = surveyEvents.register(InvitationExpiredSchema);
export const ResponseSubmitted = surveyEvents.register(ResponseSubmittedSchema);
export const ComplaintReceived = surveyEvents.register(ComplaintReceivedSchema);
export const ComplaintResponded = surveyEvents.register(ComplaintRespondedSchema);
export const ComplaintResolved = surveyEvents.register(ComplaintResolvedSchema);
export const ComplaintForwarded = surveyEvents.register(ComplaintForwardedSchema);
export const ComplaintOverdue = surveyEvents.register(ComplaintOverdueSchema);
export const ComplaintSentToLapor = surveyEvents.register(ComplaintSentToLaporSchema);
export const ResultsPublished = surveyEvents.register(ResultsPublishedSchema);
export const FollowUpPlanned = surveyEvents.register(FollowUpPlannedSchema);
export const FollowUpStatusChanged = surveyEvents.register(FollowUpStatusChangedSchema);

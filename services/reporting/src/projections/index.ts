import type { ProjectionSpec } from '@mpp/runtime';
import { board } from '../board/projection.js';
import { directory } from '../directory/projection.js';
import { evaluation } from '../evaluation/projection.js';
import { statistics } from '../statistics/projection.js';
import { fairness } from '../fairness/projection.js';
import { satisfaction } from '../satisfaction/projection.js';
import { eventCounts } from './event-counts.js';

/** The read models of the reporting service and the services whose events feed them. */
export const projections: readonly ProjectionSpec[] = [
  { definition: eventCounts, sources: ['catalog', 'queue', 'survey'] },
  { definition: board, sources: ['catalog', 'queue'] },
  { definition: directory, sources: ['catalog'] },
  { definition: statistics, sources: ['queue'] },
  { definition: satisfaction, sources: ['queue', 'survey'] },
  { definition: fairness, sources: ['queue'] },
  { definition: evaluation, sources: ['survey'] },
];

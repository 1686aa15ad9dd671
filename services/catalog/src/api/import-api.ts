import type { MessageInitShape } from '@bufbuild/protobuf';
import type { Actor, ImportCatalogRequest, ImportCatalogResponseSchema } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { EventStore } from '@mpp/eventstore';
import { importCatalog, KINDS, parseImportFile, type ImportProgress } from '../app/import/index.js';

type Out = MessageInitShape<typeof ImportCatalogResponseSchema>;

/** `ImportCatalog`: progress while the file is checked and applied, then the report. */
export async function* importStream(store: EventStore, req: ImportCatalogRequest, actor: Actor | undefined): AsyncIterable<Out> {
  if (req.fileName === '') throw new AppError('invalid', 'file_name is required', { violations: [{ field: 'file_name', reason: 'is required' }] });
  const parsed = parseImportFile(req.fileName, new TextDecoder('utf-8', { fatal: false }).decode(req.content));
  // Progress reported by the import is handed to the stream as it comes.
  const queue: ImportProgress[] = [];
  let wake: (() => void) | undefined;
  const running = importCatalog({
    store,
    actor,
    parsed,
    dryRun: req.dryRun,
    onProgress: (p) => {
      queue.push(p);
      wake?.();
    },
  });
  let settled = false;
  void running.finally(() => {
    settled = true;
    wake?.();
  }).catch(() => undefined);
  while (!settled || queue.length > 0) {
    const next = queue.shift();
    if (next) yield { event: { case: 'progress', value: next } };
    else await new Promise<void>((resolve) => (wake = resolve));
  }
  const report = await running;
  yield {
    event: {
      case: 'report',
      value: {
        errors: report.errors,
        counts: KINDS.map((kind) => ({ kind, ...report.counts[kind] })),
        events: report.events,
        applied: report.applied,
        demo: parsed.demo,
      },
    },
  };
}

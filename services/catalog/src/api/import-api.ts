import type { MessageInitShape } from '@bufbuild/protobuf';
import type { Actor, ImportCatalogRequest, ImportCatalogResponseSchema } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { EventStore } from '@mpp/eventstore';
import { importCatalog, KINDS, parseImportFile, type ImportProgress } from '../app/import/index.js';

type Out = MessageInitShape<typeof ImportCatalogResponseSchema>;

/** `ImportCatalog`: progress while the file is checked and applied, then the report. */
export async function* importStream(store: EventStore, req: ImportCatalogRequest, actor: Actor | undefined): AsyncIterable<Out> {
  if (req.fileName === '') throw new AppError('invalid', 'file_name is required', { violations: [{ field: 'file_name', reason: 'is required' }] });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(req.content);
  } catch {
    throw new AppError('invalid', `${req.fileName} is not UTF-8 text: save it as "CSV UTF-8" (or JSON) and import it again`, { violations: [{ field: 'content', reason: 'is not UTF-8' }] });
  }
  const parsed = parseImportFile(req.fileName, text);
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

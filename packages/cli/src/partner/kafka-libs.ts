import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError } from './errors.js';


const HINT = 'set KAFKA_LIBS to the libs folder of an Apache Kafka 3.x installation (e.g. /opt/kafka/libs), ' +
  'or run `npm test` once in the repository to cache the jars in .cache/kafka';

const hasKafkaJar = (folder: string): boolean => {
  try {
    return readdirSync(folder).some((f) => /^kafka_2\.\d+-[\d.]+\.jar$/.test(f));
  } catch {
    return false;
  }
};

/**
 * The folder of Kafka jars whose `kafka.admin.ConfigCommand` sets SCRAM credentials: KAFKA_LIBS,
 * else the jars the tests cache in the repository (`.cache/kafka/libs` or `.cache/kafka/<version>/libs`).
 */
export function findKafkaLibs(configured: string): string {
  if (configured) {
    if (!hasKafkaJar(configured)) throw new SetupError(`KAFKA_LIBS=${configured} holds no kafka_2.13-*.jar: ${HINT}`);
    return configured;
  }
  const cache = repoRoot() && join(repoRoot()!, '.cache', 'kafka');
  const candidates = cache && existsSync(cache)
    ? [join(cache, 'libs'), ...readdirSync(cache).sort().reverse().map((v) => join(cache, v, 'libs'))]
    : [];
  const found = candidates.find(hasKafkaJar);
  if (!found) throw new SetupError(`no Kafka jars found to set SCRAM credentials with: ${HINT}`);
  return found;
}

/** The repository this CLI runs from (the folder with turbo.json), if any; an installed image has none. */
function repoRoot(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

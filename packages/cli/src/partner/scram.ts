import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaClientOptions } from '@mpp/kafka';

/**
 * SCRAM credentials through Kafka's own `kafka.admin.ConfigCommand` (kafkajs cannot alter them),
 * run with `java` from the broker's jars, without restarting anything.
 *
 * Secrets never appear on a command line: the credential goes in an `--add-config-file` and the
 * admin's login in a `--command-config` file, both mode 0600 in a fresh `mkdtemp` folder (0700)
 * that is deleted afterwards. With TLS on, the CA goes in a PEM truststore file beside them
 * (`ssl.truststore.type=PEM`). Verified against Kafka 3.9.1: ConfigCommand accepts
 * `SCRAM-SHA-256=iterations=8192,password=…` from --add-config-file, but NOT the bracketed form
 * `[iterations=8192,password=…]` that --add-config takes on the command line (it strips brackets
 * only there, and answers "Invalid credential property" for a file). The file is a Java
 * properties file, so every character of the value that is not a letter or digit is written as a
 * `\uXXXX` escape: commas, `]`, `=`, backslashes, spaces and non-ASCII passwords come through intact.
 */

export interface ScramAdmin {
  /** The admin connection: the same brokers and SASL login as the Admin API calls. */
  readonly connection: KafkaClientOptions;
  /** Folder of the Kafka jars. */
  readonly libs: string;
}

export const SCRAM_ITERATIONS = 8192;

/** Creates the user's SCRAM-SHA-256 credential, or replaces its password. */
export async function setScramCredential(admin: ScramAdmin, user: string, password: string): Promise<void> {
  await withSecretFolder(async (folder) => {
    const credential = join(folder, 'credential.properties');
    await writeSecret(credential, `SCRAM-SHA-256=${propertyValue(`iterations=${SCRAM_ITERATIONS},password=${password}`)}\n`);
    const result = await configCommand(admin, folder, ['--entity-name', user, '--add-config-file', credential]);
    if (result.code !== 0) throw new Error(`Kafka's ConfigCommand could not set the SCRAM credential of ${user} (exit code ${result.code}):\n${result.output}`);
  });
}

/** Deletes the user's SCRAM-SHA-256 credential; false when it had none. */
export async function deleteScramCredential(admin: ScramAdmin, user: string): Promise<boolean> {
  return withSecretFolder(async (folder) => {
    const result = await configCommand(admin, folder, ['--entity-name', user, '--delete-config', 'SCRAM-SHA-256']);
    if (result.code === 0) return true;
    if (result.output.includes('ResourceNotFoundException')) return false;
    throw new Error(`Kafka's ConfigCommand could not delete the SCRAM credential of ${user} (exit code ${result.code}):\n${result.output}`);
  });
}

async function withSecretFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'mpp-partner-'));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A new file only the owner can read (never an existing one, which could be a planted link). */
const writeSecret = (file: string, text: string): Promise<void> => writeFile(file, text, { mode: 0o600, flag: 'wx' });

interface CommandResult {
  readonly code: number;
  /** stdout and stderr, without log4j's noise and Java stack frames. */
  readonly output: string;
}

async function configCommand(admin: ScramAdmin, folder: string, entity: readonly string[]): Promise<CommandResult> {
  const { ssl } = admin.connection;
  const ca = ssl && ssl !== true ? ssl.ca : [];
  const truststore = ca.length > 0 ? join(folder, 'ca.pem') : undefined;
  if (truststore) await writeFile(truststore, ca.join('\n'));
  const commandConfig = join(folder, 'admin.properties');
  await writeSecret(commandConfig, adminProperties(admin.connection, truststore));
  const log4j = join(folder, 'log4j.properties');
  await writeFile(log4j, LOG4J);
  const args = [
    '-cp', `${admin.libs}/*`, `-Dlog4j.configuration=file:${log4j}`, 'kafka.admin.ConfigCommand',
    '--bootstrap-server', admin.connection.brokers.join(','), '--command-config', commandConfig,
    '--alter', '--entity-type', 'users', ...entity,
  ];
  return new Promise((resolve, reject) => {
    execFile('java', args, { timeout: 120_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new Error('`java` was not found on PATH: install Java 17 (e.g. `apt-get install openjdk-17-jre-headless`); mpp partner runs Kafka\'s ConfigCommand with it'));
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: readable(`${stdout}${stderr}`) });
    });
  });
}

/**
 * The admin client's settings, as the platform's own clients connect: its login (if any), TLS
 * (if on: the CA in `truststore`, a PEM file, else the JVM's trusted CAs), and bounded waits, so
 * an unreachable broker fails in time.
 */
export function adminProperties(connection: KafkaClientOptions, truststore?: string): string {
  const lines = ['request.timeout.ms=15000', 'default.api.timeout.ms=30000'];
  const { sasl, ssl } = connection;
  if (sasl || ssl) lines.push(`security.protocol=${sasl ? 'SASL_' : ''}${ssl ? 'SSL' : 'PLAINTEXT'}`);
  if (sasl) {
    const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${jaasQuoted(sasl.username)}" password="${jaasQuoted(sasl.password)}";`;
    lines.push(`sasl.mechanism=${sasl.mechanism.toUpperCase()}`, `sasl.jaas.config=${propertyValue(jaas)}`);
  }
  if (ssl && truststore) lines.push('ssl.truststore.type=PEM', `ssl.truststore.location=${propertyValue(truststore)}`);
  return `${lines.join('\n')}\n`;
}

/** Inside a JAAS double-quoted string, backslash and double quote are escaped with a backslash. */
const jaasQuoted = (value: string): string => value.replace(/[\\"]/g, (c) => `\\${c}`);

/** A Java properties value: letters and digits as they are, every other UTF-16 unit as `\uXXXX`. */
export function propertyValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    out += /[A-Za-z0-9]/.test(value[i]!) ? value[i] : `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return out;
}

const LOG4J = 'log4j.rootLogger=ERROR, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\n' +
  'log4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n' +
  'log4j.appender.stderr.layout.ConversionPattern=%p %m%n\n';

function readable(output: string): string {
  return output.split('\n').filter((l) => l.trim() && !l.startsWith('log4j:') && !/^\s+at /.test(l)).slice(-15).join('\n');
}

import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars, tail } from './jars.js';
import { makeBrokerTls } from './tls.js';

/** A SCRAM user created in the broker's metadata when storage is formatted (SCRAM-SHA-256 unless `mechanism` says otherwise). */
export interface ScramUser { name: string; password: string; mechanism?: 'scram-sha-256' | 'scram-sha-512' }

/** Options of {@link startKafkaBroker}. */
export interface KafkaBrokerOptions {
  /** Users for the SASL listeners (SCRAM-SHA-256 and -512 are on); when given, ACLs are enforced (StandardAuthorizer). */
  scramUsers?: ScramUser[];
  /**
   * Starts the SASL_PLAINTEXT listener and the StandardAuthorizer even without `scramUsers`, for
   * tests that create SCRAM users at run time (e.g. `mpp partner add`); default false.
   */
  sasl?: boolean;
  /**
   * Adds a TLS listener with a certificate for 127.0.0.1 from a CA made for this broker (needs
   * `openssl`): SASL_SSL when SCRAM is on, else SSL. Default false.
   */
  tls?: boolean;
  /** Data folder; default a fresh `mkdtemp` under `os.tmpdir()`. An already formatted one is reused. */
  dataDir?: string;
  log?: (msg: string) => void;
  /** How long to wait for the broker to answer `describeCluster()`; default 120000. */
  startTimeoutMs?: number;
  /** Fixed ports, to restart a stopped broker where its clients expect it; default free ones. */
  ports?: BrokerPorts;
}

export interface BrokerPorts { client: number; controller: number; sasl?: number; tls?: number }

/** A running broker started by {@link startKafkaBroker}. */
export interface KafkaBroker {
  /** PLAINTEXT `127.0.0.1:port`; unauthenticated, i.e. super user `User:ANONYMOUS` when SASL is on. */
  brokers: string[];
  /** SASL_PLAINTEXT (SCRAM-SHA-256 and -512) `127.0.0.1:port`; empty without scramUsers or `sasl`. */
  saslBrokers: string[];
  /** The TLS listener `127.0.0.1:port` (SASL_SSL with SCRAM, else SSL); empty without `tls`. */
  tlsBrokers: string[];
  /** PEM file of the CA that signed the TLS listener's certificate; empty without `tls`. */
  tlsCaFile: string;
  pid: number;
  dataDir: string;
  /** The ports it listens on: pass them (with dataDir) to start it again in the same place. */
  ports: BrokerPorts;
  /** SIGTERM, wait for exit (up to ~30s, then SIGKILL); then deletes dataDir if it was a temp one we made. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL, wait for exit. Keeps dataDir (a crash leaves its files behind to inspect or restart from). */
  kill(): Promise<void>;
}

const STOP_GRACE_MS = 30_000;

// Children still running: one process 'exit' hook kills them all, so no JVM outlives the test run
// (and we do not add one listener per broker, which would trip MaxListenersExceededWarning).
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

/**
 * Starts a real single-node Apache Kafka 3.9.1 broker (KRaft, broker+controller in one JVM) on free
 * local ports, formats its storage, and resolves once a kafkajs admin gets an answer from it.
 * The JVM does not keep Node alive, and is SIGKILLed when this Node process exits if `stop()` was not called
 * (Ctrl-C reaches it too: same process group). Its output goes to `<dataDir>/kafka.log`.
 *
 * @example
 * const broker = await startKafkaBroker({ scramUsers: [{ name: 'partner-a', password: 'secret-a' }] });
 * const kafka = new Kafka({ brokers: broker.saslBrokers,
 *   sasl: { mechanism: 'scram-sha-256', username: 'partner-a', password: 'secret-a' } });
 * // ...
 * await broker.stop();
 */
export async function startKafkaBroker(opts: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const log = opts.log ?? (() => {});
  const scramUsers = opts.scramUsers ?? [];
  const startTimeoutMs = opts.startTimeoutMs ?? 120_000;
  const t0 = Date.now(); // for the log only: the start deadline begins at spawn, not before a jar download

  const libs = await ensureKafkaJars({ log });
  const classpath = `${libs}/*`; // the JVM expands `dir/*` itself; no shell is involved

  const ownDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? await mkdtemp(join(tmpdir(), 'mpp-kafka-'));
  await mkdir(dataDir, { recursive: true });
  const scram = opts.sasl === true || scramUsers.length > 0;
  const ports = opts.ports ?? await pickPorts(scram, opts.tls === true);
  const { client: port, controller: ctrlPort, sasl: saslPort } = ports;
  const brokers = [`127.0.0.1:${port}`];
  const saslBrokers = scram ? [`127.0.0.1:${saslPort}`] : [];
  if (opts.tls && ports.tls === undefined) throw new Error('startKafkaBroker: tls needs ports.tls when ports are given');
  const tls = opts.tls ? { port: ports.tls!, ...await makeBrokerTls(dataDir) } : undefined;
  const tlsBrokers = tls ? [`127.0.0.1:${tls.port}`] : [];

  const serverProps = join(dataDir, 'server.properties');
  const log4jProps = join(dataDir, 'log4j.properties');
  const logFile = join(dataDir, 'kafka.log');
  await writeFile(serverProps, serverProperties({ dataDir, port, saslPort, ctrlPort, scram, tls }));
  await writeFile(log4jProps, LOG4J);

  // Formatting again would fail ("already formatted"); a reused dataDir keeps its cluster id and users.
  if (!existsSync(join(dataDir, 'logs', 'meta.properties'))) {
    const clusterId = (await java(['-cp', classpath, 'kafka.tools.StorageTool', 'random-uuid'])).trim();
    const scramArgs = scramUsers.flatMap((u) => ['--add-scram', `${(u.mechanism ?? 'scram-sha-256').toUpperCase()}=[name=${quote(u.name)},password=${quote(u.password)}]`]);
    await java(['-cp', classpath, `-Dlog4j.configuration=file:${log4jProps}`, 'kafka.tools.StorageTool',
      'format', '-t', clusterId, '-c', serverProps, ...scramArgs]);
    log(`kafka: formatted ${dataDir} (cluster ${clusterId})`);
  }

  // stdout/stderr go to a file: a JVM writing into a pipe nobody drains would block, and our stdio stays quiet.
  // Same process group on purpose: Ctrl-C on the test run reaches the JVM too.
  const out = openSync(logFile, 'a');
  const child = spawn('java', ['-Xms256m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError', '-cp', classpath, `-Dlog4j.configuration=file:${log4jProps}`,
    'kafka.Kafka', serverProps], { cwd: dataDir, stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => { running.delete(child); resolve(); });
    child.once('error', () => { running.delete(child); resolve(); }); // e.g. spawn ENOENT: no 'exit' follows
  });
  running.add(child);
  child.unref(); // a forgotten broker must not keep the test runner alive; the 'exit' hook kills it
  const isRunning = () => running.has(child);

  const kill = async (): Promise<void> => {
    child.ref(); // otherwise Node may exit (and skip our caller's next line) while we wait for 'exit'
    if (isRunning()) child.kill('SIGKILL');
    await exited;
  };
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      child.ref();
      if (isRunning()) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => { timer = setTimeout(r, STOP_GRACE_MS, 'timeout'); });
      const outcome = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        log(`kafka: pid ${child.pid} ignored SIGTERM for ${STOP_GRACE_MS} ms, sending SIGKILL`);
        await kill();
      }
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
      log(`kafka: broker pid ${child.pid} stopped`);
    })();
    return stopping;
  };

  try {
    await waitUntilReady(brokers, isRunning, Date.now() + startTimeoutMs);
  } catch (err) {
    await kill();
    const why = isTimeout(err) ? `did not answer describeCluster() within ${startTimeoutMs} ms`
      : `exited during startup (code ${child.exitCode}, signal ${child.signalCode})`;
    throw new Error(`Kafka broker ${why}. Check the broker log ${logFile} (tail below), that Java 17 is used, ` +
      `and that there is memory for a 512 MB heap.\n--- ${logFile} (tail) ---\n${readTail(logFile)}`, { cause: err });
  }
  log(`kafka: broker pid ${child.pid} ready on ${[...brokers, ...saslBrokers, ...tlsBrokers].join(', ')} in ${Date.now() - t0} ms`);
  return { brokers, saslBrokers, tlsBrokers, tlsCaFile: tls?.caFile ?? '', pid: child.pid!, dataDir, ports, stop, kill };
}

/** Free ports for the listeners the broker will have. */
async function pickPorts(scram: boolean, tls: boolean): Promise<BrokerPorts> {
  const [client, controller, ...more] = await freePorts(2 + (scram ? 1 : 0) + (tls ? 1 : 0));
  return { client: client!, controller: controller!, ...(scram ? { sasl: more.shift()! } : {}), ...(tls ? { tls: more.shift()! } : {}) };
}

interface ListenerPlan {
  dataDir: string;
  port: number;
  saslPort: number | undefined;
  ctrlPort: number;
  scram: boolean;
  tls: { port: number; keystoreFile: string } | undefined;
}

const MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];

function serverProperties(p: ListenerPlan): string {
  const tlsProtocol = p.scram ? 'SASL_SSL' : 'SSL';
  const listeners = [
    `PLAINTEXT://127.0.0.1:${p.port}`,
    ...(p.scram ? [`SASL_PLAINTEXT://127.0.0.1:${p.saslPort}`] : []),
    ...(p.tls ? [`${tlsProtocol}://127.0.0.1:${p.tls.port}`] : []),
  ];
  const protocols = ['CONTROLLER:PLAINTEXT', 'PLAINTEXT:PLAINTEXT', ...(p.scram ? ['SASL_PLAINTEXT:SASL_PLAINTEXT'] : []), ...(p.tls ? [`${tlsProtocol}:${tlsProtocol}`] : [])];
  const lines = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${p.ctrlPort}`,
    `listeners=${[...listeners, `CONTROLLER://127.0.0.1:${p.ctrlPort}`].join(',')}`,
    `advertised.listeners=${listeners.join(',')}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(p.dataDir, 'logs')}`,
    'num.partitions=1',
    'auto.create.topics.enable=false', // kafkajs has a first-use quirk with auto-created topics on KRaft
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0', // consumers join at once instead of after 3 s
    // Small footprint: a test broker serves a handful of clients.
    'num.network.threads=2',
    'num.io.threads=2',
    'background.threads=2',
    'log.cleaner.threads=1',
    'log.cleaner.dedupe.buffer.size=8388608', // cleaner stays on (compacted topics must work), with 8 MB instead of 128 MB
  ];
  // Spelled out in full, or the broker cannot map its CONTROLLER listener.
  lines.push(`listener.security.protocol.map=${protocols.join(',')}`);
  if (p.scram) {
    const saslListeners = ['sasl_plaintext', ...(p.tls ? ['sasl_ssl'] : [])];
    lines.push(
      `sasl.enabled.mechanisms=${MECHANISMS.join(',')}`,
      ...saslListeners.flatMap((listener) => MECHANISMS.map((m) =>
        `listener.name.${listener}.${m.toLowerCase()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`)),
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      // PLAINTEXT and CONTROLLER are unauthenticated (User:ANONYMOUS): the broker itself and test setup use them.
      'super.users=User:ANONYMOUS',
      'allow.everyone.if.no.acl.found=false',
    );
  }
  // Kafka 3.x reads a PEM keystore: the unencrypted PKCS#8 key and the certificate chain in one file.
  if (p.tls) lines.push('ssl.keystore.type=PEM', `ssl.keystore.location=${p.tls.keystoreFile}`);
  return lines.join('\n') + '\n';
}

// WARN and above for everything, plus the "Kafka Server started" line, on stdout (redirected to kafka.log).
const LOG4J = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.server.KafkaRaftServer=INFO',
  '',
].join('\n');

/**
 * Double-quotes a value for StorageTool's `--add-scram` parser, which strips one pair of quotes (so
 * `=`, `]`, `"` and spaces stay literal) but splits on every `,` whatever the quoting.
 */
function quote(value: string): string {
  if (value.includes(',')) throw new Error(`SCRAM user names and passwords cannot contain ',' (kafka-storage format splits on it): ${JSON.stringify(value)}`);
  return `"${value}"`;
}

/** Ports the OS calls free right now; all are held open together so they differ from each other. */
async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

class StartTimeout extends Error {}
const isTimeout = (err: unknown): boolean => err instanceof StartTimeout;

/** Polls describeCluster() on the PLAINTEXT listener until it answers, the JVM exits, or the deadline passes. */
async function waitUntilReady(brokers: string[], isRunning: () => boolean, deadline: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error('broker process exited', { cause: lastError });
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1000, requestTimeout: 2000,
      retry: { retries: 0 } }).admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 250)); // poll interval, not synchronisation
  }
  throw new StartTimeout('deadline passed', { cause: lastError });
}

function java(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('java', args, { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`\`java ${args.join(' ')}\` failed: ${error.message}\n${tail(String(stdout) + String(stderr))}`));
      else resolve(String(stdout));
    });
  });
}

function readTail(file: string): string {
  try { return tail(readFileSync(file, 'utf8'), 60); } catch (err) { return `(cannot read: ${String(err)})`; }
}

import { parseArgs } from 'node:util';
import { ConfigError, type Env } from '@mpp/config';
import { createKafkaClient } from '@mpp/kafka';
import { AGENCY_CODE, EXIT_CONFIG } from '@mpp/runtime';
import { EXIT_USAGE, type Io } from './io.js';
import { addPartner, checkSuppliedPassword, listPartners, removePartner, rotatePartner, type PartnerContext } from './partner/credentials.js';
import { SetupError, UsageError } from './partner/errors.js';
import { PARTNER_HELP } from './partner/help.js';
import { findKafkaLibs } from './partner/kafka-libs.js';
import { replayPartner } from './partner/replay.js';
import { adminOptions, credentialsOwner, readPartnerSettings } from './partner/settings.js';

export { PARTNER_HELP };

type Action = 'add' | 'rotate' | 'remove' | 'list' | 'replay';

/** The options each action takes (besides --help). */
const OPTIONS: Record<Action, readonly string[]> = {
  add: ['password-stdin'],
  rotate: ['password-stdin'],
  remove: ['delete-topic'],
  list: [],
  replay: ['group', 'from', 'tz'],
};

/** Actions that change credentials or ACLs, which Strimzi owns on Kubernetes. */
const CHANGES_CREDENTIALS: readonly Action[] = ['add', 'rotate', 'remove'];

export interface PartnerIo extends Io {
  /** All of standard input (for --password-stdin). */
  readStdin?: () => Promise<string>;
}

const isAction = (a: string | undefined): a is Action => a !== undefined && a in OPTIONS;

export async function partner(args: string[], io: PartnerIo, env: Env = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'password-stdin': { type: 'boolean' },
        'delete-topic': { type: 'boolean' },
        group: { type: 'string' },
        from: { type: 'string' },
        tz: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`mpp partner: ${(error as Error).message}\n\n${PARTNER_HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const [action, agencyCode, ...extra] = positionals;
  if (values.help) {
    io.out(PARTNER_HELP);
    return 0;
  }
  /** A wrong command line shows the help; a wrong value only says what to write instead. */
  const usage = (message: string, help = true): number => {
    io.err(`mpp partner${isAction(action) ? ` ${action}` : ''}: ${message}\n${help ? `\n${PARTNER_HELP}` : '(mpp partner --help)\n'}`);
    return EXIT_USAGE;
  };
  if (!isAction(action)) return usage(action ? `unknown action "${action}"` : 'which action?');
  const stray = Object.keys(values).filter((o) => o !== 'help' && !OPTIONS[action].includes(o));
  if (stray.length > 0) return usage(`${action} does not take --${stray.join(', --')}`);
  if (action === 'list' ? agencyCode !== undefined : extra.length > 0) return usage('too many arguments');
  if (action !== 'list' && !agencyCode) return usage(`${action} needs an agency code`);
  if (agencyCode && !AGENCY_CODE.test(agencyCode)) {
    return usage(`"${agencyCode}" is not an agency code: lowercase letters, digits and inner hyphens (e.g. polres-kendari), as in the catalog`, false);
  }

  try {
    if (CHANGES_CREDENTIALS.includes(action) && credentialsOwner(env) === 'strimzi') {
      throw new SetupError(`partner credentials and ACLs are owned by Strimzi here (MPP_PARTNER_CREDENTIALS=strimzi, or running on Kubernetes): ` +
        `change partner ${agencyCode}'s KafkaUser resource instead (see docs/partners.md); ` +
        'set MPP_PARTNER_CREDENTIALS=kafka-admin only where no User Operator manages Kafka users');
    }
    const settings = readPartnerSettings(env);
    const connection = adminOptions(settings);
    const ctx: PartnerContext = {
      io,
      settings,
      kafka: createKafkaClient(connection),
      suppliedPassword: async () => (values['password-stdin'] ? checkSuppliedPassword(await (io.readStdin ?? readStdin)()) : undefined),
      ...(CHANGES_CREDENTIALS.includes(action) ? { scram: { connection, libs: findKafkaLibs(settings.kafkaLibs) } } : {}),
    };
    switch (action) {
      case 'add': return await addPartner(ctx, agencyCode!);
      case 'rotate': return await rotatePartner(ctx, agencyCode!);
      case 'remove': return await removePartner(ctx, agencyCode!, values['delete-topic'] ?? false);
      case 'list': return await listPartners(ctx);
      case 'replay': return await replayPartner(ctx, { agencyCode: agencyCode!, group: values.group, from: values.from, tz: values.tz });
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, false);
    if (error instanceof ConfigError || error instanceof SetupError) {
      io.err(`mpp partner ${action}: ${error.message}\n`);
      return EXIT_CONFIG;
    }
    io.err(`mpp partner ${action}: ${(error as Error).message}\n` +
      'Check that KAFKA_BROKERS answers and that the admin login (KAFKA_SASL_*) may manage topics, ACLs and users.\n');
    return 1;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

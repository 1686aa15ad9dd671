import { randomBytes } from 'node:crypto';
import type { KafkaClient } from '@mpp/kafka';
import { partnerGroupPrefixOf, partnerPrincipalOf, partnerTopicOf, partnerTopicSpec } from '@mpp/runtime';
import type { Io } from '../io.js';
import { partnerAcls, partnersFrom } from './access.js';
import { UsageError } from './errors.js';
import { deleteScramCredential, setScramCredential, type ScramAdmin } from './scram.js';
import type { PartnerSettings } from './settings.js';

/** What the partner actions work with. */
export interface PartnerContext {
  readonly io: Io;
  readonly settings: PartnerSettings;
  readonly kafka: KafkaClient;
  /** The password from standard input (--password-stdin), else undefined. */
  readonly suppliedPassword: () => Promise<string | undefined>;
  /** For add, rotate and remove: the Kafka jars' ConfigCommand. */
  readonly scram?: ScramAdmin;
}

const MIN_PASSWORD = 16;

/** 192 random bits, base64url: letters, digits, `-`, `_`. */
const randomPassword = (): string => randomBytes(24).toString('base64url');

/** A password read from standard input: one line, long enough, no control characters. */
export function checkSuppliedPassword(text: string): string {
  const password = text.replace(/\r?\n$/, '');
  // eslint-disable-next-line no-control-regex
  if (password.length < MIN_PASSWORD || /[\u0000-\u001f\u007f]/.test(password)) {
    throw new UsageError(`the password on standard input must be one line of at least ${MIN_PASSWORD} characters, without control characters`);
  }
  return password;
}

export async function addPartner(ctx: PartnerContext, agencyCode: string): Promise<number> {
  const { kafka, settings } = ctx;
  const prefix = settings.kafkaTopicPrefix;
  const user = partnerPrincipalOf(agencyCode, prefix);
  const password = (await ctx.suppliedPassword()) ?? randomPassword();
  const existed = (await kafka.describeAcls({ principal: `User:${user}` })).length > 0;
  await kafka.ensureTopics([partnerTopicSpec(agencyCode, prefix)]);
  await setScramCredential(ctx.scram!, user, password);
  await kafka.createAcls(partnerAcls(agencyCode, prefix));
  ctx.io.out(`${existed ? `Partner ${agencyCode} existed: its ACLs are unchanged and its password is replaced.` : `Partner ${agencyCode} added.`}\n`);
  printCredentials(ctx, agencyCode, password);
  return 0;
}

export async function rotatePartner(ctx: PartnerContext, agencyCode: string): Promise<number> {
  const user = partnerPrincipalOf(agencyCode, ctx.settings.kafkaTopicPrefix);
  if ((await ctx.kafka.describeAcls({ principal: `User:${user}` })).length === 0) {
    ctx.io.err(`mpp partner rotate: ${user} has no ACLs here, so it is not a partner yet: run \`mpp partner add ${agencyCode}\`\n`);
    return 1;
  }
  const password = (await ctx.suppliedPassword()) ?? randomPassword();
  await setScramCredential(ctx.scram!, user, password);
  ctx.io.out(`Partner ${agencyCode} has a new password; the old one is refused for new connections ` +
    '(open ones last until connections.max.reauth.ms makes them authenticate again).\n');
  printCredentials(ctx, agencyCode, password);
  return 0;
}

export async function removePartner(ctx: PartnerContext, agencyCode: string, deleteTopic: boolean): Promise<number> {
  const prefix = ctx.settings.kafkaTopicPrefix;
  const user = partnerPrincipalOf(agencyCode, prefix);
  const topic = partnerTopicOf(agencyCode, prefix);
  const deleted = await ctx.kafka.deleteAcls({ principal: `User:${user}` });
  const hadCredential = await deleteScramCredential(ctx.scram!, user);
  if (deleteTopic) await ctx.kafka.deleteTopics([topic]);
  ctx.io.out(`Partner ${agencyCode} removed: ${deleted.length} ACL(s) deleted, ` +
    `${hadCredential ? 'its SCRAM credential deleted' : 'it had no SCRAM credential'}, ` +
    `topic ${topic} ${deleteTopic ? 'deleted' : 'kept (--delete-topic deletes it)'}.\n`);
  return 0;
}

export async function listPartners(ctx: PartnerContext): Promise<number> {
  const partners = partnersFrom(await ctx.kafka.describeAcls({}), ctx.settings.kafkaTopicPrefix);
  if (partners.length === 0) {
    ctx.io.out('No partners yet: add one with `mpp partner add <agency-code>`.\n');
    return 0;
  }
  const rows = [['user', 'topics', 'consumer groups'], ...partners.map((p) => [p.user, p.topics.join(',') || '-', p.groups.join(',') || '-'])];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) ctx.io.out(`${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}\n`);
  return 0;
}

function printCredentials(ctx: PartnerContext, agencyCode: string, password: string): void {
  const { settings } = ctx;
  const prefix = settings.kafkaTopicPrefix;
  const bootstrap = settings.partnerBootstrap.length > 0 ? settings.partnerBootstrap : settings.kafkaBrokers;
  ctx.io.out([
    'Hand these to the agency over a safe channel; the password is not shown again:',
    `  username        ${partnerPrincipalOf(agencyCode, prefix)}   (Kafka principal User:${partnerPrincipalOf(agencyCode, prefix)})`,
    `  password        ${password}`,
    '  SASL mechanism  SCRAM-SHA-256',
    `  topic           ${partnerTopicOf(agencyCode, prefix)}`,
    `  group prefix    ${partnerGroupPrefixOf(agencyCode, prefix)}   (every consumer group id must start with it)`,
    `  bootstrap       ${bootstrap.join(',')}`,
    '',
  ].join('\n'));
}

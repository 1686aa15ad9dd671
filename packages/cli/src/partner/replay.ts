import { partnerGroupPrefixOf, partnerTopicOf } from '@mpp/runtime';
import type { PartnerContext } from './credentials.js';
import { UsageError } from './errors.js';
import { parseMoment } from './moment.js';

export interface ReplayRequest {
  readonly agencyCode: string;
  readonly group: string | undefined;
  readonly from: string | undefined;
  readonly tz: string | undefined;
}

/** Checks the command line before anything connects; returns the group and the moment. */
export function checkReplay(request: ReplayRequest, prefix: string, now: Date = new Date()): { group: string; at: Date } {
  const groupPrefix = partnerGroupPrefixOf(request.agencyCode, prefix);
  if (!request.group || !request.from) throw new UsageError('replay needs --group <group-id> and --from <date | date-time>');
  if (!request.group.startsWith(groupPrefix) || request.group === groupPrefix) {
    throw new UsageError(`--group "${request.group}" is not one of partner ${request.agencyCode}'s groups: their ids start with ${groupPrefix}`);
  }
  const at = parseMoment(request.from, request.tz);
  if (at.getTime() > now.getTime()) throw new UsageError(`--from ${at.toISOString()} is in the future: nothing to read again from there`);
  return { group: request.group, at };
}

/** Moves a stopped group's offsets on the partner's topic to the first message at or after a moment. */
export async function replayPartner(ctx: PartnerContext, request: ReplayRequest): Promise<number> {
  const { group, at } = checkReplay(request, ctx.settings.kafkaTopicPrefix);
  const { kafka, io } = ctx;
  const topic = partnerTopicOf(request.agencyCode, ctx.settings.kafkaTopicPrefix);
  if (!(await kafka.topicExists(topic))) {
    io.err(`mpp partner replay: there is no topic ${topic}: check the agency code and KAFKA_TOPIC_PREFIX, or run \`mpp partner add ${request.agencyCode}\`\n`);
    return 1;
  }
  const { state, members } = await kafka.describeGroup(group);
  if (members > 0) {
    io.err(`mpp partner replay: group ${group} has ${members} active consumer(s) (${state}): stop the partner's consumers first; ` +
      'Kafka moves a group\'s offsets only while no consumer is in it\n');
    return 1;
  }
  const offsets = await kafka.offsetsAtTime(topic, at);
  await kafka.setGroupOffsets(group, topic, offsets);
  const ends = new Map((await kafka.endOffsets(topic)).map((p) => [p.partition, BigInt(p.offset)]));
  const again = offsets.reduce((n, p) => n + ((ends.get(p.partition) ?? 0n) - BigInt(p.offset)), 0n);
  io.out(`Group ${group} reads ${topic} again from ${at.toISOString()} when its consumers start: ${again} message(s) to read.\n`);
  for (const p of [...offsets].sort((a, b) => a.partition - b.partition)) io.out(`  partition ${p.partition}: offset ${p.offset} of ${ends.get(p.partition) ?? '?'}\n`);
  if (state === 'Dead') io.out('  (a new group: Kafka knew no offsets of it before)\n');
  return 0;
}

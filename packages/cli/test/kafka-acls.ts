// The ACLs a service's Kafka user needs on a secured cluster (what a Strimzi KafkaUser of the
// service lists), for kafka-security.e2e.test.ts.
import type { AclBinding, AclOperation, AclPatternType, AclResourceType } from '@mpp/kafka';
import { groupOf, topicOf } from '@mpp/runtime';

export interface Login { username: string; password: string }

/**
 * Its own topic: create (the relay makes it), write, describe. The topics it consumes: read,
 * describe, and write to their `.dlq`. Its consumer groups (`<prefix>mpp-<service>.`): read.
 * Reporting's partner router: create, write, describe on the partner topics (`<prefix>mpp.partner.`).
 */
export function serviceAcls(username: string, service: string, reads: readonly string[], prefix: string): AclBinding[] {
  const allow = (resourceType: AclResourceType, resourceName: string, patternType: AclPatternType, operations: readonly AclOperation[]) =>
    operations.map((operation): AclBinding => ({ principal: `User:${username}`, host: '*', resourceType, resourceName, patternType, operation, permission: 'allow' }));
  return [
    ...allow('topic', topicOf(service, prefix), 'literal', ['create', 'write', 'describe']),
    ...reads.flatMap((source) => [
      ...allow('topic', topicOf(source, prefix), 'literal', ['read', 'describe']),
      ...allow('topic', `${topicOf(source, prefix)}.dlq`, 'literal', ['create', 'write', 'describe']),
    ]),
    ...(reads.length > 0 ? allow('group', groupOf(service, '', prefix), 'prefixed', ['read']) : []),
    ...(service === 'reporting' ? allow('topic', `${prefix}mpp.partner.`, 'prefixed', ['create', 'write', 'describe']) : []),
  ];
}

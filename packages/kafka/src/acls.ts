// kafkajs is CommonJS and its ACL enums are not visible as ESM named exports under plain Node: use the default.
import kafkajs, {
  type AclEntry,
  type AclFilter as KafkajsAclFilter,
  type AclOperationTypes,
  type AclPermissionTypes,
  type AclResourceTypes,
  type ResourcePatternTypes,
} from 'kafkajs';
import type { AclBinding, AclFilter, AclOperation, AclPatternType, AclPermission, AclResourceType } from './types.js';

const { AclOperationTypes: OPERATION, AclPermissionTypes: PERMISSION, AclResourceTypes: RESOURCE, ResourcePatternTypes: PATTERN } = kafkajs;

// The platform's ACL words and kafkajs's protocol numbers, both ways, in one place.

const RESOURCE_TYPES: Record<AclResourceType, AclResourceTypes> = {
  topic: RESOURCE.TOPIC,
  group: RESOURCE.GROUP,
  cluster: RESOURCE.CLUSTER,
  'transactional-id': RESOURCE.TRANSACTIONAL_ID,
};

const PATTERN_TYPES: Record<AclPatternType, ResourcePatternTypes> = {
  literal: PATTERN.LITERAL,
  prefixed: PATTERN.PREFIXED,
};

const OPERATIONS: Record<AclOperation, AclOperationTypes> = {
  all: OPERATION.ALL,
  read: OPERATION.READ,
  write: OPERATION.WRITE,
  create: OPERATION.CREATE,
  delete: OPERATION.DELETE,
  alter: OPERATION.ALTER,
  describe: OPERATION.DESCRIBE,
  'cluster-action': OPERATION.CLUSTER_ACTION,
  'describe-configs': OPERATION.DESCRIBE_CONFIGS,
  'alter-configs': OPERATION.ALTER_CONFIGS,
  'idempotent-write': OPERATION.IDEMPOTENT_WRITE,
};

const PERMISSIONS: Record<AclPermission, AclPermissionTypes> = {
  allow: PERMISSION.ALLOW,
  deny: PERMISSION.DENY,
};

function reverse<K extends string, V>(map: Record<K, V>, value: V, what: string): K {
  const found = (Object.keys(map) as K[]).find((k) => map[k] === value);
  if (found === undefined) throw new Error(`the broker answered an ACL with an unknown ${what} (${String(value)})`);
  return found;
}

export function toKafkajsAcl(acl: AclBinding): AclEntry {
  return {
    principal: acl.principal,
    host: acl.host,
    resourceType: RESOURCE_TYPES[acl.resourceType],
    resourceName: acl.resourceName,
    resourcePatternType: PATTERN_TYPES[acl.patternType],
    operation: OPERATIONS[acl.operation],
    permissionType: PERMISSIONS[acl.permission],
  };
}

export function toKafkajsFilter(filter: AclFilter): KafkajsAclFilter {
  return {
    resourceType: filter.resourceType ? RESOURCE_TYPES[filter.resourceType] : RESOURCE.ANY,
    resourcePatternType: filter.patternType ? PATTERN_TYPES[filter.patternType] : PATTERN.ANY,
    operation: filter.operation ? OPERATIONS[filter.operation] : OPERATION.ANY,
    permissionType: filter.permission ? PERMISSIONS[filter.permission] : PERMISSION.ANY,
    ...(filter.resourceName !== undefined ? { resourceName: filter.resourceName } : {}),
    ...(filter.principal !== undefined ? { principal: filter.principal } : {}),
    ...(filter.host !== undefined ? { host: filter.host } : {}),
  };
}

export function fromKafkajsAcl(acl: AclEntry): AclBinding {
  return {
    principal: acl.principal,
    host: acl.host,
    resourceType: reverse(RESOURCE_TYPES, acl.resourceType, 'resource type'),
    resourceName: acl.resourceName,
    patternType: reverse(PATTERN_TYPES, acl.resourcePatternType, 'pattern type'),
    operation: reverse(OPERATIONS, acl.operation, 'operation'),
    permission: reverse(PERMISSIONS, acl.permissionType, 'permission'),
  };
}

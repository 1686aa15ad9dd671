import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSpec, readConfig } from '@mpp/config';
import { TARGETS } from '@mpp/cli';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { PodMonitor, PrometheusRule, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy, Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { byKind, environmentOf, K8S_DIR, one, OVERLAYS, podLabels, render, selects, type K8sObject } from './manifests.js';

// The Kubernetes manifests (deploy/k8s) as `kubectl kustomize` renders each overlay: core, KEDA
// and prometheus-operator kinds validated against their schemas; Strimzi and CloudNativePG kinds
// checked for the fields the platform relies on (NOT schema-validated: no published models);
// selectors, environment, ports and probes checked against the code.

/** Schema-validated kinds: `new Model(object).validate()` throws on anything the schema refuses. */
const VALIDATED: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

/** Operator kinds without published schemas here: checked below field by field. */
const CHECKED_ONLY = new Set([
  'kafka.strimzi.io/v1beta2/Kafka',
  'kafka.strimzi.io/v1beta2/KafkaNodePool',
  'kafka.strimzi.io/v1beta2/KafkaTopic',
  'kafka.strimzi.io/v1beta2/KafkaUser',
  'postgresql.cnpg.io/v1/Cluster',
  'postgresql.cnpg.io/v1/Database',
  'postgresql.cnpg.io/v1/ScheduledBackup',
  'barmancloud.cnpg.io/v1/ObjectStore',
]);

/** Variables a container may set besides its target's settings (read by the runtime, not the config). */
const RUNTIME_ENV = new Set(['NODE_ENV', 'OTEL_METRICS_EXPORTER', 'OTEL_EXPORTER_PROMETHEUS_HOST', 'OTEL_EXPORTER_PROMETHEUS_PORT', 'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME', 'OTEL_SDK_DISABLED', 'PGUSER', 'PGPASSWORD']);

const SERVICES = ['catalog', 'queue', 'survey', 'reporting'] as const;
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, render(`${K8S_DIR}overlays/${o}`)])) as Record<(typeof OVERLAYS)[number], K8sObject[]>;
const operations = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');

const containerOf = (d: K8sObject): K8sObject => d.spec.template.spec.containers[0];
const targetOf = (d: K8sObject): string => /^--target=(\w+)$/.exec(containerOf(d).args?.[1] ?? '')?.[1] ?? '';
const portsOf = (c: K8sObject): Map<string, number> => new Map((c.ports ?? []).map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]));
/**
 * The environment with every path under a mounted secret volume moved into a temporary folder
 * where those files exist (a placeholder certificate), so settings that read a file can be checked.
 */
function withMountedFiles(d: K8sObject, env: Record<string, string>): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'mpp-k8s-'));
  const pod = d.spec.template.spec;
  let out = env;
  for (const mount of containerOf(d).volumeMounts ?? []) {
    const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
    if (!volume?.secret) continue;
    const dir = join(root, mount.name);
    mkdirSync(dir, { recursive: true });
    for (const item of volume.secret.items ?? []) writeFileSync(join(dir, item.path), PLACEHOLDER_PEM);
    out = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.startsWith(`${mount.mountPath}/`) ? join(dir, v.slice(mount.mountPath.length + 1)) : v]));
  }
  return out;
}
const PLACEHOLDER_PEM = '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n';

const defaultOf = (target: string, env: string): string | undefined => describeSpec(TARGETS[target as keyof typeof TARGETS].configSpec).find((s) => s.env === env)?.default;

describe.each(OVERLAYS)('deploy/k8s overlay %s', (overlay) => {
  const objects = rendered[overlay];

  it('renders only kinds this test knows, and every core, KEDA and prometheus-operator object passes its schema', () => {
    expect(objects.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const o of objects) {
      const key = `${o.apiVersion}/${o.kind}`;
      const Model = VALIDATED[key];
      if (Model) {
        try {
          new Model(o as never).validate();
        } catch (error) {
          problems.push(`${key} ${o.metadata.name}: ${(error as Error).message}`);
        }
      } else if (!CHECKED_ONLY.has(key)) problems.push(`${key} ${o.metadata.name}: a kind this test neither validates nor checks`);
    }
    expect(problems).toEqual([]);
  });

  it('commits no secret: every Secret is referenced, made by an operator or listed in docs/operations.md for the city to create', () => {
    expect(byKind(objects, 'Secret')).toEqual([]);
    const made = new Set([
      ...byKind(objects, 'KafkaUser').map((u) => u.metadata.name), // Strimzi's User Operator
      ...byKind(objects, 'Kafka').map((k) => `${k.metadata.name}-cluster-ca-cert`),
      ...byKind(objects, 'Cluster').map((c) => `${c.metadata.name}-ca`), // CloudNativePG
    ]);
    const referenced = new Set<string>();
    for (const d of byKind(objects, 'Deployment')) {
      for (const e of containerOf(d).env ?? []) if (e.valueFrom?.secretKeyRef) referenced.add(e.valueFrom.secretKeyRef.name);
      for (const v of d.spec.template.spec.volumes ?? []) if (v.secret) referenced.add(v.secret.secretName);
    }
    for (const c of byKind(objects, 'Cluster')) for (const r of c.spec.managed.roles) referenced.add(r.passwordSecret.name);
    for (const s of byKind(objects, 'ObjectStore')) for (const ref of Object.values(s.spec.configuration.s3Credentials) as { name: string }[]) referenced.add(ref.name);
    for (const t of byKind(objects, 'TriggerAuthentication')) for (const ref of t.spec.secretTargetRef ?? []) referenced.add(ref.name);
    for (const i of byKind(objects, 'Ingress')) for (const tls of i.spec.tls ?? []) referenced.add(tls.secretName);
    const unknown = [...referenced].filter((name) => !made.has(name) && !operations.includes(`\`${name}\``));
    expect(unknown, 'secrets the city must create are listed in docs/operations.md').toEqual([]);
    expect(referenced.size).toBeGreaterThan(8);
  });

  it('runs each service alone, hardened: non-root, read-only root, no capabilities, requests and limits, probes', () => {
    const deployments = byKind(objects, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['catalog', 'gateway', 'queue', 'reporting', 'survey']);
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      const c = containerOf(d);
      expect(c.args, d.metadata.name).toEqual(['start', `--target=${d.metadata.name}`]);
      expect(Object.hasOwn(TARGETS, targetOf(d))).toBe(true);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(one(objects, 'ServiceAccount', pod.serviceAccountName).automountServiceAccountToken).toBe(false);
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(c.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(c[probe], `${d.metadata.name} ${probe}`).toBeDefined();
      // A read-only root: anything written goes to /tmp, an emptyDir.
      expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(c.image).toMatch(/^registry\.example\.org\/mpp\/mpp:/);
    }
  });

  it('gives every service each setting it needs at start, only settings it knows, with values its configuration accepts', () => {
    for (const d of byKind(objects, 'Deployment')) {
      const target = targetOf(d);
      const spec = TARGETS[target as keyof typeof TARGETS].configSpec;
      const env = environmentOf(objects, containerOf(d));
      const known = new Set(describeSpec(spec).map((s) => s.env));
      const unknown = [...env.keys()].filter((k) => !known.has(k) && !RUNTIME_ENV.has(k));
      expect(unknown, `${target}: variables its configuration does not read (a typo?)`).toEqual([]);
      const missing = describeSpec(spec).filter((s) => s.default === '(required)' && !env.get(s.env)?.value).map((s) => s.env);
      expect(missing, `${target}: required settings not provided`).toEqual([]);
      // The service's own validation accepts the values (secrets as placeholders; files of
      // mounted secrets, such as CA certificates, made under a temporary folder).
      expect(() => readConfig(spec, withMountedFiles(d, Object.fromEntries([...env].map(([k, v]) => [k, v.value])))), target).not.toThrow();
    }
  });

  it('agrees with the code on ports and probes', () => {
    const metricsPort = Number(one(objects, 'ConfigMap', 'mpp-common').data.OTEL_EXPORTER_PROMETHEUS_PORT);
    expect(metricsPort).toBe(9464);
    for (const d of byKind(objects, 'Deployment')) {
      const name = d.metadata.name;
      const c = containerOf(d);
      const ports = portsOf(c);
      const env = environmentOf(objects, c);
      // The gRPC port: the container's, the variable's and the code's default are one number.
      const grpcVar = `${name.toUpperCase()}_GRPC_PORT`;
      expect(ports.get('grpc'), name).toBe(Number(env.get(grpcVar)?.value));
      expect(String(ports.get('grpc')), name).toBe(defaultOf(name, grpcVar));
      expect(ports.get('metrics'), name).toBe(metricsPort);
      if (name === 'gateway') {
        expect(String(ports.get('http'))).toBe(defaultOf('gateway', 'GATEWAY_HTTP_PORT'));
        expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
        expect(c.readinessProbe.grpc.port).toBe(ports.get('grpc'));
      } else {
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(c[probe].grpc.port, `${name} ${probe}`).toBe(ports.get('grpc'));
      }
      // Its Service exposes the same named ports.
      const svc = one(objects, 'Service', name);
      for (const p of svc.spec.ports) expect(ports.has(p.targetPort), `${name} service port ${p.name}`).toBe(true);
    }
    // The gateway's addresses of the services name their Services and gRPC ports.
    const gatewayEnv = environmentOf(objects, containerOf(one(objects, 'Deployment', 'gateway')));
    for (const s of SERVICES) {
      const [host, port] = gatewayEnv.get(`${s.toUpperCase()}_ADDRESS`)!.value.split(':');
      expect(host).toBe(s);
      expect(one(objects, 'Service', s).spec.ports.find((p: { name: string }) => p.name === 'grpc').port).toBe(Number(port));
    }
  });

  it('has every selector select something, and every reference point at an object that exists', () => {
    const pods = podLabels(objects);
    for (const d of byKind(objects, 'Deployment')) expect(selects(d.spec.selector, d.spec.template.metadata.labels), d.metadata.name).toBe(true);
    for (const s of byKind(objects, 'Service')) {
      const matched = byKind(objects, 'Deployment').filter((d) => selects({ matchLabels: s.spec.selector }, d.spec.template.metadata.labels));
      expect(matched.map((d) => d.metadata.name), `Service ${s.metadata.name}`).toEqual([s.metadata.name]);
    }
    for (const p of byKind(objects, 'PodDisruptionBudget')) expect(pods.some((l) => selects(p.spec.selector, l)), `PDB ${p.metadata.name}`).toBe(true);
    for (const n of byKind(objects, 'NetworkPolicy')) {
      expect(pods.some((l) => selects(n.spec.podSelector, l)), `NetworkPolicy ${n.metadata.name}`).toBe(true);
      for (const rule of n.spec.ingress ?? []) for (const from of rule.from ?? []) if (from.podSelector && !from.namespaceSelector) expect(pods.some((l) => selects(from.podSelector, l)), `NetworkPolicy ${n.metadata.name} from`).toBe(true);
    }
    for (const h of byKind(objects, 'HorizontalPodAutoscaler')) one(objects, h.spec.scaleTargetRef.kind, h.spec.scaleTargetRef.name);
    for (const s of byKind(objects, 'ScaledObject')) one(objects, 'Deployment', s.spec.scaleTargetRef.name);
    for (const i of byKind(objects, 'Ingress'))
      for (const rule of i.spec.rules)
        for (const path of rule.http.paths) {
          const svc = one(objects, 'Service', path.backend.service.name);
          expect(svc.spec.ports.some((p: { name: string }) => p.name === path.backend.service.port.name)).toBe(true);
        }
    for (const m of byKind(objects, 'ServiceMonitor')) {
      const scraped = byKind(objects, 'Service').filter((s) => selects(m.spec.selector, s.metadata.labels));
      expect(scraped.map((s) => s.metadata.name).sort()).toEqual(['catalog', 'gateway', 'queue', 'reporting', 'survey']);
      for (const s of scraped) expect(s.spec.ports.some((p: { name: string }) => p.name === m.spec.endpoints[0].port)).toBe(true);
    }
    for (const m of byKind(objects, 'PodMonitor')) expect(pods.some((l) => selects(m.spec.selector, l)), `PodMonitor ${m.metadata.name}`).toBe(true);
    for (const o of [...byKind(objects, 'KafkaTopic'), ...byKind(objects, 'KafkaUser'), ...byKind(objects, 'KafkaNodePool')]) one(objects, 'Kafka', o.metadata.labels!['strimzi.io/cluster']!);
    for (const o of [...byKind(objects, 'Database'), ...byKind(objects, 'ScheduledBackup')]) one(objects, 'Cluster', o.spec.cluster.name);
  });

  it('runs Kafka through Strimzi as the services and partners expect (checked, not schema-validated)', () => {
    const kafka = one(objects, 'Kafka', 'mpp-kafka');
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1beta2');
    expect(kafka.metadata.annotations).toMatchObject({ 'strimzi.io/kraft': 'enabled', 'strimzi.io/node-pools': 'enabled' });
    const listeners = Object.fromEntries(kafka.spec.kafka.listeners.map((l: { name: string }) => [l.name, l]));
    expect(listeners.tls).toMatchObject({ port: 9093, type: 'internal', tls: true, authentication: { type: 'scram-sha-512' } });
    expect(listeners.external).toMatchObject({ port: 9094, tls: true, authentication: { type: 'scram-sha-512' } });
    expect(kafka.spec.kafka.authorization.type).toBe('simple');
    expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false);
    expect(kafka.spec.entityOperator).toMatchObject({ topicOperator: {}, userOperator: {} });
    const brokers = one(objects, 'ConfigMap', 'mpp-kafka').data;
    expect(brokers.KAFKA_BROKERS).toBe(`${kafka.metadata.name}-kafka-bootstrap:${listeners.tls.port}`);
    expect(brokers.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
    const pool = one(objects, 'KafkaNodePool', 'dual-role');
    expect(pool.spec.roles.sort()).toEqual(['broker', 'controller']);
    const topics = new Map(byKind(objects, 'KafkaTopic').map((t) => [t.spec.topicName, t]));
    for (const s of [...SERVICES]) {
      const t = topics.get(`mpp.${s}.v1`)!;
      // Kept forever, so `mpp rebuild` can read from the first event; 3 partitions, as KEDA's ceiling assumes.
      expect(t.spec).toMatchObject({ partitions: 3, config: { 'retention.ms': '-1' } });
      expect(t.spec.replicas).toBeLessThanOrEqual(pool.spec.replicas);
      expect(topics.get(`mpp.${s}.v1.dlq`), `${s} dead letters`).toBeDefined();
    }
    for (const t of topics.values()) expect(t.metadata.name).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
    // A user per service, named as the Deployment says, with SCRAM and ACLs.
    for (const d of byKind(objects, 'Deployment').filter((x) => x.metadata.name !== 'gateway')) {
      const env = environmentOf(objects, containerOf(d));
      const user = one(objects, 'KafkaUser', env.get('KAFKA_SASL_USERNAME')!.value);
      expect(user.spec.authentication.type).toBe('scram-sha-512');
      expect(env.get('KAFKA_SASL_PASSWORD')!.from).toBe(`secret ${user.metadata.name}/password`);
      const acls = user.spec.authorization.acls as { resource: { type: string; name?: string }; operations: string[] }[];
      expect(acls).toContainEqual({ resource: { type: 'topic', name: `mpp.${d.metadata.name}.v1`, patternType: 'literal' }, operations: expect.arrayContaining(['Write']) });
    }
    // Partners: read their own topic and group prefix, nothing else.
    for (const u of byKind(objects, 'KafkaUser').filter((x) => x.metadata.name.startsWith('partner-'))) {
      const code = u.metadata.name.slice('partner-'.length);
      expect(u.spec.authorization.acls).toEqual([
        { resource: { type: 'topic', name: `mpp.partner.${code}.v1`, patternType: 'literal' }, operations: ['Describe', 'Read'] },
        { resource: { type: 'group', name: `mpp.partner.${code}.`, patternType: 'prefix' }, operations: ['Read'] },
      ]);
      expect(topics.get(`mpp.partner.${code}.v1`)?.spec.config['retention.ms']).toBe(String(30 * 86_400_000));
    }
  });

  it('runs PostgreSQL through CloudNativePG with a database and role per service (checked, not schema-validated)', () => {
    const cluster = one(objects, 'Cluster', 'mpp-db');
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    const roles = cluster.spec.managed.roles as { name: string; login: boolean; passwordSecret: { name: string } }[];
    for (const s of SERVICES) {
      expect(roles).toContainEqual({ name: s, ensure: 'present', login: true, passwordSecret: { name: `mpp-db-${s}` } });
      const db = byKind(objects, 'Database').find((d) => d.spec.name === s)!;
      expect(db.spec).toMatchObject({ owner: s, cluster: { name: 'mpp-db' } });
      // The service connects as that role to that database, TLS verified against the cluster's CA.
      const env = environmentOf(objects, containerOf(one(objects, 'Deployment', s)));
      const url = new URL(env.get('DATABASE_URL')!.value);
      expect(url.hostname).toBe(`${cluster.metadata.name}-rw`);
      expect(url.pathname).toBe(`/${s}`);
      expect(env.get('PGUSER')!.from).toBe(`secret mpp-db-${s}/username`);
      expect(url.searchParams.get('sslmode')).toBe('verify-full');
      const pod = one(objects, 'Deployment', s).spec.template.spec;
      expect(pod.volumes.find((v: { name: string }) => v.name === 'pg-ca').secret.secretName).toBe(`${cluster.metadata.name}-ca`);
    }
    if (overlay === 'prod') {
      expect(cluster.spec.instances).toBe(3);
      expect(cluster.spec.plugins).toContainEqual({ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'mpp-backups' } });
      expect(one(objects, 'ScheduledBackup', 'mpp-db-nightly').spec).toMatchObject({ method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } });
      one(objects, 'ObjectStore', 'mpp-backups');
    }
  });
});

describe('deploy/k8s prod', () => {
  const objects = rendered.prod;

  it('scales the reporting consumers on Kafka lag with KEDA, within the topics’ partitions', () => {
    const scaled = one(objects, 'ScaledObject', 'reporting');
    expect(one(objects, 'Deployment', 'reporting').spec.replicas).toBeUndefined();
    const partitions = one(objects, 'KafkaTopic', 'mpp-queue-v1').spec.partitions;
    expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(partitions);
    for (const t of scaled.spec.triggers) {
      expect(t.type).toBe('kafka');
      expect(t.metadata.bootstrapServers).toBe(one(objects, 'ConfigMap', 'mpp-kafka').data.KAFKA_BROKERS);
      // A consumer group of the reporting service, as groupOf names them.
      expect(t.metadata.consumerGroup).toMatch(/^mpp-reporting\.\w+@v\d+$/);
      one(objects, 'TriggerAuthentication', t.authenticationRef.name);
    }
  });

  it('alerts on lag, outbox age, dead letters, error rate, p99 latency and certificate expiry, with metric names the code exports', () => {
    const rules = one(objects, 'PrometheusRule', 'mpp').spec.groups.flatMap((g: { rules: { alert: string; expr: string; annotations: { runbook: string } }[] }) => g.rules);
    const alerts = rules.map((r: { alert: string }) => r.alert);
    expect(alerts).toEqual(expect.arrayContaining(['MppConsumerLagHigh', 'MppOutboxStale', 'MppDeadLettersGrowing', 'MppHttpErrorRate', 'MppRpcErrorRate', 'MppHttpLatencyP99', 'MppRpcLatencyP99', 'MppCertificateExpiresSoon', 'MppKafkaCaExpiresSoon']));
    const ours = new Set(rules.flatMap((r: { expr: string }) => r.expr.match(/\bmpp_[a-z_]+/g) ?? []).map((m: string) => m.replace(/_(bucket|count|sum)$/, '')));
    const exported = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const metric of ours) expect(exported, `${metric} is not among the README's metrics`).toContain(`\`${metric}\``);
    // Every alert says where its runbook is, and the runbook has that section.
    for (const r of rules) {
      const anchor = r.annotations.runbook.split('#')[1]!;
      const headings = [...operations.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/ +/g, '-'));
      expect(headings, `${r.alert}: docs/operations.md#${anchor}`).toContain(anchor);
    }
  });

  it('lets in from outside only the gateway (through the ingress controller) and the partners’ Kafka listener', () => {
    const policies = byKind(objects, 'NetworkPolicy');
    expect(policies.find((p) => p.metadata.name === 'default-deny-ingress')!.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const fromOtherNamespaces = policies.flatMap((p) => (p.spec.ingress ?? []).flatMap((rule: { from?: { namespaceSelector?: { matchLabels: Record<string, string> } }[] }) => (rule.from ?? []).filter((f) => f.namespaceSelector).map((f) => `${p.metadata.name}<-${f.namespaceSelector!.matchLabels['kubernetes.io/metadata.name']}`)));
    expect(fromOtherNamespaces.sort()).toEqual(['exporters-from-monitoring<-monitoring', 'gateway-from-ingress<-ingress-nginx', 'metrics-from-monitoring<-monitoring', 'postgres-from-services<-cnpg-system', 'postgres-metrics-from-monitoring<-monitoring']);
    const external = one(objects, 'Kafka', 'mpp-kafka').spec.kafka.listeners.find((l: { name: string }) => l.name === 'external');
    expect(external.networkPolicyPeers).toBeUndefined(); // partners come from anywhere, with TLS and SCRAM
    const internal = one(objects, 'Kafka', 'mpp-kafka').spec.kafka.listeners.find((l: { name: string }) => l.name === 'tls');
    expect(internal.networkPolicyPeers.length).toBeGreaterThan(0);
  });
});

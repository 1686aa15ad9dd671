import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object, read loosely: tests look into it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are data of many shapes
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

export const K8S_DIR = fileURLToPath(new URL('../../deploy/k8s/', import.meta.url));
export const OVERLAYS = ['dev', 'prod'] as const;

/** `kubectl kustomize <dir>`, parsed. */
export function render(dir: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('kubectl is needed to render deploy/k8s (kubectl kustomize): install kubectl (Debian: apt-get install kubectl, or the upstream binary)', { cause: error });
    throw new Error(`kubectl kustomize ${dir} failed: ${e.stderr ?? e.message}`, { cause: error });
  }
  return parseAllDocuments(out).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${dir}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJSON() as K8sObject;
  });
}

export const byKind = (objects: readonly K8sObject[], kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);

export function one(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** Does a label selector (matchLabels + matchExpressions) select these labels? */
export function selects(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === 'In' && !(has && e.values!.includes(labels[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && e.values!.includes(labels[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * The labels of the pods a rendered deployment runs: its own Deployments' templates, and those the
 * operators give the pods they run (Strimzi's Kafka nodes and exporter, CloudNativePG's instances).
 */
export function podLabels(objects: readonly K8sObject[]): Record<string, string>[] {
  const pods = byKind(objects, 'Deployment').map((d) => d.spec.template.metadata.labels as Record<string, string>);
  for (const k of byKind(objects, 'Kafka')) {
    const cluster = k.metadata.name;
    for (const pool of byKind(objects, 'KafkaNodePool').filter((p) => p.metadata.labels?.['strimzi.io/cluster'] === cluster)) {
      pods.push({ 'strimzi.io/cluster': cluster, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${cluster}-kafka`, 'strimzi.io/pool-name': pool.metadata.name });
    }
    if (k.spec.kafkaExporter) pods.push({ 'strimzi.io/cluster': cluster, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${cluster}-kafka-exporter` });
  }
  for (const c of byKind(objects, 'Cluster')) pods.push({ 'cnpg.io/cluster': c.metadata.name, 'cnpg.io/podRole': 'instance' });
  return pods;
}

/** A container's environment as the pod sees it: envFrom ConfigMaps first, then `env` (which wins). Secrets as placeholders. */
export function environmentOf(objects: readonly K8sObject[], container: K8sObject): Map<string, { value: string; from: string }> {
  const env = new Map<string, { value: string; from: string }>();
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name as string | undefined;
    if (!name) throw new Error(`envFrom other than a ConfigMap: ${JSON.stringify(source)}`);
    const cm = one(objects, 'ConfigMap', name);
    for (const [k, v] of Object.entries(cm.data ?? {})) env.set(k, { value: String(v), from: `configmap ${name}` });
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) {
      // Kubernetes expands $(NAME) from variables defined before it.
      const value = String(e.value).replace(/\$\((\w+)\)/g, (_, n: string) => env.get(n)?.value ?? `$(${n})`);
      env.set(e.name, { value, from: 'value' });
    } else if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      if (!ref.optional) env.set(e.name, { value: `secret0${ref.name}0${ref.key}`.replace(/[^A-Za-z0-9]/g, '0'), from: `secret ${ref.name}/${ref.key}` });
    } else throw new Error(`env ${e.name}: only values and secret keys are used here`);
  }
  return env;
}

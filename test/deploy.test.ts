import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadOverlay } from '../src/catalog/load.js';
import { CONFIG_VARIABLES, loadConfig } from '../src/config.js';
import { realCatalog } from './helpers/catalog.js';

/**
 * The Kubernetes manifests under deploy/ against what the code really reads: the variables
 * src/config.ts knows, the port it listens on, the path of its health check. (Images cannot be
 * built here; the Dockerfile's steps run in `npm run test:packaging`.)
 */

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
  tcpSocket?: { port: string | number };
}
interface Container {
  name: string;
  image: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ secretRef?: { name: string } }>;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  securityContext?: { allowPrivilegeEscalation?: boolean };
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: Array<{ name: string; configMap?: { name: string; optional?: boolean } }>;
}
interface DeploymentSpec {
  replicas: number;
  selector: { matchLabels: Record<string, string> };
  template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
}
interface ServiceSpec {
  selector: Record<string, string>;
  ports: Array<{ port: number; targetPort: string | number }>;
}
interface NetworkPolicySpec {
  podSelector: { matchLabels: Record<string, string> };
  ingress: Array<{
    from: Array<{ podSelector: { matchLabels: Record<string, string> } }>;
    ports: Array<{ port: string | number }>;
  }>;
}
interface RedisContainer extends Container {
  args?: string[];
}

function load(file: string): Manifest[] {
  const docs = parseAllDocuments(readFileSync(`deploy/${file}`, 'utf8'));
  for (const doc of docs) expect(doc.errors, `${file}: YAML errors`).toEqual([]);
  return docs.map((doc) => doc.toJS() as Manifest);
}

const manifests = [
  ...load('harness-ports.yaml'),
  ...load('secret.example.yaml'),
  ...load('redis.yaml'),
  ...load('overlay.example.yaml'),
];
const find = (kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`deploy/: no ${kind} ${name}`);
  return found;
};
const bot = find('Deployment', 'harness-ports').spec as unknown as DeploymentSpec;
const container = bot.template.spec.containers[0]!;
const secret = find('Secret', 'harness-ports');
const httpPort = container.ports?.find((p) => p.name === 'http');

/** The bot's environment in the pod: the Deployment's env, then the Secret through envFrom. */
function podEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, value } of container.env ?? []) env[name] = value ?? '';
  for (const source of container.envFrom ?? []) {
    expect(source.secretRef?.name).toBe(secret.metadata.name);
    Object.assign(env, secret.stringData);
  }
  return env;
}

describe('deploy/ Kubernetes manifests', () => {
  it('run the bot as two replicas, selected by their own labels', () => {
    expect(bot.replicas).toBe(2);
    expect(bot.template.metadata.labels).toMatchObject(bot.selector.matchLabels);
    expect(bot.template.spec.containers).toHaveLength(1);
  });

  it('name only variables src/config.ts reads, and the Secret’s keys are those variables', () => {
    const names = [...(container.env ?? []).map((e) => e.name), ...Object.keys(secret.stringData ?? {})];
    expect(names.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    expect(Object.keys(secret.stringData ?? {})).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']),
    );
  });

  it('configure HTTP mode on the container port, as loadConfig reads the pod’s environment', () => {
    const config = loadConfig(podEnvironment());
    expect(config.mode).toBe('http');
    expect(config.mode !== 'console' && config.port).toBe(httpPort?.containerPort);
    expect(config.mode !== 'console' && config.host).toBeUndefined();
  });

  it('probe readiness and liveness on GET /healthz of that port', () => {
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    }
    expect(httpPort).toBeDefined();
  });

  it('expose the bot through a Service on its http port', () => {
    const service = find('Service', 'harness-ports').spec as unknown as ServiceSpec;
    expect(service.selector).toEqual(bot.selector.matchLabels);
    expect(service.ports.map((p) => p.targetPort)).toEqual(['http']);
  });

  it('run as a non-root user, with memory sized from the bench', () => {
    expect(bot.template.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(bot.template.spec.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
    // bench/BASELINE.md: RSS up to about 190 MB after 10,000 requests; the request covers it, and
    // the limit leaves room above it.
    const mebibytes = (quantity = '') => Number(/^(\d+)Mi$/.exec(quantity)?.[1] ?? Number.NaN);
    const requested = mebibytes(container.resources?.requests?.memory);
    expect(requested).toBeGreaterThanOrEqual(190 * (1e6 / 2 ** 20));
    expect(mebibytes(container.resources?.limits?.memory)).toBeGreaterThan(requested * 1.25);
    expect(container.resources?.requests?.cpu).toMatch(/^\d+m$/);
  });
});

describe('deploy/redis.yaml: the Redis the replicas share', () => {
  const redis = find('Deployment', 'harness-ports-redis').spec as unknown as DeploymentSpec;
  const redisContainer = redis.template.spec.containers[0] as RedisContainer;
  const redisService = find('Service', 'harness-ports-redis').spec as unknown as ServiceSpec;
  const redisPort = redisContainer.ports?.find((p) => p.name === 'redis');

  it('is what REDIS_URL in the Secret points at: its Service name and port', () => {
    const config = loadConfig(podEnvironment());
    expect(config.mode !== 'console' && config.redisUrl).toBe(
      `redis://harness-ports-redis:${redisService.ports[0]!.port}`,
    );
    expect(redisService.selector).toEqual(redis.selector.matchLabels);
    expect(redis.template.metadata.labels).toMatchObject(redis.selector.matchLabels);
    expect(redisService.ports.map((p) => p.targetPort)).toEqual(['redis']);
    expect(redisPort?.containerPort).toBe(6379);
  });

  it('does not select the bot’s pods, nor the bot’s Service Redis’s', () => {
    const botService = find('Service', 'harness-ports').spec as unknown as ServiceSpec;
    expect(redis.selector.matchLabels).not.toEqual(bot.selector.matchLabels);
    expect(bot.template.metadata.labels).not.toMatchObject(redisService.selector);
    expect(redis.template.metadata.labels).not.toMatchObject(botService.selector);
  });

  it('lets only the bot’s pods in, on the Redis port', () => {
    const policy = find('NetworkPolicy', 'harness-ports-redis').spec as unknown as NetworkPolicySpec;
    expect(policy.podSelector.matchLabels).toEqual(redis.selector.matchLabels);
    expect(policy.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: bot.selector.matchLabels } }], ports: [{ port: 'redis' }] },
    ]);
  });

  it('runs without persistence, evicting keys nearest their expiry, as a non-root user with probes', () => {
    const args = redisContainer.args ?? [];
    const arg = (name: string) => args[args.indexOf(name) + 1];
    expect([arg('--save'), arg('--appendonly'), arg('--maxmemory-policy')]).toEqual([
      '',
      'no',
      'volatile-ttl',
    ]);
    expect(redis.replicas).toBe(1);
    expect(redis.template.spec.securityContext?.runAsNonRoot).toBe(true);
    expect(redisContainer.readinessProbe?.exec?.command).toEqual(['redis-cli', 'ping']);
    expect(redisContainer.livenessProbe?.tcpSocket?.port).toBe('redis');
  });
});

describe("deploy/overlay.example.yaml: your organisation's overlay", () => {
  const configMap = find('ConfigMap', 'harness-ports-overlay');
  const volume = bot.template.spec.volumes?.find((v) => v.configMap?.name === configMap.metadata.name);
  const mount = container.volumeMounts?.find((m) => m.name === volume?.name);
  // The path the file's instructions set CATALOG_OVERLAY to.
  const instructed = /kubectl set env deployment\/harness-ports CATALOG_OVERLAY=(\S+)/.exec(
    readFileSync('deploy/overlay.example.yaml', 'utf8'),
  )?.[1];

  it('is mounted read-only in the bot’s pods, optional, where CATALOG_OVERLAY is told to point', () => {
    expect(volume?.configMap?.optional).toBe(true);
    expect(mount?.readOnly).toBe(true);
    expect(Object.keys(configMap.data ?? {})).toEqual(['overlay.yml']);
    expect(instructed).toBe(`${mount?.mountPath}/overlay.yml`);
    expect(CONFIG_VARIABLES).toContain('CATALOG_OVERLAY');
    const config = loadConfig({ ...podEnvironment(), CATALOG_OVERLAY: instructed });
    expect(config.mode !== 'console' && config.overlayPath).toBe(instructed);
  });

  it('holds an overlay the bot accepts: destinations and an owner for Splunk, a provider of your own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overlay-'));
    try {
      const file = join(dir, 'overlay.yml');
      writeFileSync(file, configMap.data?.['overlay.yml'] ?? '');
      const catalog = loadOverlay(realCatalog(), file);
      const splunk = catalog.providers.find((p) => p.id === 'splunk');
      expect(splunk?.organisation?.destinations).toEqual(['splunk.corp.example.com', '10.20.0.0/16']);
      expect(splunk?.organisation?.team).toBe('Observability');
      const own = catalog.providers.find((p) => p.id === 'acme-artifacts');
      expect(own?.organisation?.addedProvider).toBe(true);
      expect(own?.ports.map((rule) => rule.port)).toEqual([8443]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runCheckCli } from '../../src/check/cli.js';
import { systemIo } from '../../src/check/probe.js';
import { DELEGATE_POD_LABEL } from '../../src/render/rules/k8s.js';
import { exampleOverlayText, realCatalog } from '../helpers/catalog.js';

/** deploy/check-job.yaml against what the check and the other manifests really are. */

interface Container {
  image: string;
  command: string[];
  args: string[];
  env?: Array<{ name: string; value?: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
interface Job {
  kind: string;
  spec: {
    backoffLimit: number;
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        restartPolicy: string;
        containers: Container[];
        volumes?: Array<{ name: string; configMap?: { name: string } }>;
      };
    };
  };
}

const [job] = parseAllDocuments(readFileSync('deploy/check-job.yaml', 'utf8')).map(
  (doc) => doc.toJS() as Job,
);
const pod = job!.spec.template;
const container = pod.spec.containers[0]!;
const botImage = parseAllDocuments(readFileSync('deploy/harness-ports.yaml', 'utf8'))
  .map((doc) => doc.toJS() as { kind: string; spec: { template: { spec: { containers: Container[] } } } })
  .find((m) => m.kind === 'Deployment')!.spec.template.spec.containers[0]!.image;

describe('deploy/check-job.yaml', () => {
  it("runs once from the bot's image, labelled like the Delegate's pods (the label its NetworkPolicy selects)", () => {
    expect(job!.kind).toBe('Job');
    expect(job!.spec.backoffLimit).toBe(0);
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(Object.keys(pod.metadata.labels)).toContain(DELEGATE_POD_LABEL);
    expect(container.image).toBe(botImage);
    expect(container.command).toEqual(['node', 'bin/harness-ports.js']);
    expect(existsSync(container.command[1]!)).toBe(true);
  });

  it("passes the Delegate's proxy variables, by the names the Delegate reads", () => {
    const names = realCatalog().delegate!.proxyVariables.map((variable) => variable.name);
    for (const { name } of container.env ?? []) expect(names).toContain(name);
  });

  it('mounts the overlay ConfigMap where --overlay reads it', () => {
    const overlayArg = container.args[container.args.indexOf('--overlay') + 1]!;
    const mount = container.volumeMounts!.find((m) => overlayArg.startsWith(`${m.mountPath}/`));
    const volume = pod.spec.volumes!.find((v) => v.name === mount?.name);
    const configMap = parse(readFileSync('deploy/overlay.example.yaml', 'utf8')) as {
      metadata: { name: string };
    };
    expect(volume?.configMap?.name).toBe(configMap.metadata.name);
  });

  it("has arguments the check accepts: it probes the Delegate's path to the cluster named", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-job-'));
    try {
      const overlay = join(dir, 'overlay.yml');
      writeFileSync(overlay, exampleOverlayText());
      const args = container.args.slice(1).map((arg) => (arg.endsWith('/overlay.yml') ? overlay : arg));
      const out: string[] = [];
      const err: string[] = [];
      // No name resolves: the arguments are read and the plan made, nothing is sent anywhere.
      const code = await runCheckCli(
        args,
        { out: (t) => out.push(t), err: (t) => err.push(t) },
        {
          env: Object.fromEntries((container.env ?? []).map(({ name, value }) => [name, value ?? ''])),
          probeIo: {
            ...systemIo,
            lookup: async () => {
              throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
            },
          },
        },
      );
      expect(err).toEqual([]);
      expect(code).toBe(1);
      expect(out.join('\n')).toContain(
        'FAIL             Harness Manager (Prod1)  app.harness.io:443 HTTPS  app.harness.io does not resolve',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

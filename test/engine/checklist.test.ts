import { describe, expect, it } from 'vitest';
import {
  buildChecklist,
  checklistItems,
  isPostableChecklist,
  MAX_CHECKLIST_PROVIDERS,
} from '../../src/engine/checklist.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

const splunk = providerById('splunk');
const jenkins = providerById('jenkins');
const nexus = providerById('nexus');
const ec2 = providerById('aws-ec2');
const prometheus = providerById('prometheus');
const kubernetes = providerById('kubernetes-cluster');
const azure = providerById('azure');
const winrm = providerById('winrm');
const tanzu = providerById('tanzu-application-service');
const smtp = providerById('smtp');
const elb = providerById('aws-elb-alb-ecs');
const ldap = providerById('active-directory-ldap');

const portsOf = (providers: Parameters<typeof buildChecklist>[0]) =>
  buildChecklist(providers).ports.map((p) => ({
    port: p.port,
    protocols: p.protocols,
    providers: p.providers.map((provider) => provider.id),
    conditional: p.conditional,
  }));

describe('buildChecklist', () => {
  it('gives one section per provider, in the order asked', () => {
    const checklist = buildChecklist([splunk, jenkins, nexus]);
    expect(checklist.sections.map((s) => s.provider.id)).toEqual(['splunk', 'jenkins', 'nexus']);
    expect(checklist.unfixedPorts).toEqual([]);
  });

  it('lists the distinct ports to open in ascending order, each with who needs it', () => {
    expect(portsOf([splunk, jenkins, nexus])).toEqual([
      { port: 443, protocols: ['HTTPS'], providers: ['jenkins'], conditional: false },
      { port: 8081, protocols: ['TCP'], providers: ['nexus'], conditional: false },
      { port: 8089, protocols: ['TCP'], providers: ['splunk'], conditional: false },
    ]);
  });

  it('merges a port several providers share into one entry naming all of them', () => {
    expect(portsOf([azure, winrm])).toEqual([
      { port: 22, protocols: ['SSH'], providers: ['winrm'], conditional: false },
      { port: 443, protocols: ['HTTPS'], providers: ['winrm'], conditional: false },
      { port: 5985, protocols: ['HTTP'], providers: ['azure', 'winrm'], conditional: false },
      { port: 5986, protocols: ['HTTPS'], providers: ['azure', 'winrm'], conditional: false },
    ]);
  });

  it('keeps every protocol the providers give for a shared port', () => {
    const shared = buildChecklist([ldap, elb]).ports.find((p) => p.port === 443);
    expect(shared?.protocols).toEqual(['HTTPS', 'TCP']);
    expect(shared?.providers.map((p) => p.id)).toEqual(['active-directory-ldap', 'aws-elb-alb-ecs']);
  });

  it('marks a port conditional when the only provider that lists it makes it conditional', () => {
    expect(portsOf([prometheus])).toEqual([
      { port: 9090, protocols: ['TCP'], providers: ['prometheus'], conditional: true },
    ]);
    expect(portsOf([tanzu]).map((p) => [p.port, p.conditional])).toEqual([
      [80, true],
      [443, true],
    ]);
  });

  it('marks a shared port unconditional as soon as one provider needs it outright', () => {
    const port9090 = buildChecklist([prometheus, ec2]).ports.find((p) => p.port === 9090);
    expect(port9090?.providers.map((p) => p.id)).toEqual(['prometheus', 'aws-ec2']);
    expect(port9090?.conditional).toBe(false);
    const port5985 = buildChecklist([azure]).ports.find((p) => p.port === 5985);
    expect(port5985?.conditional).toBe(true);
  });

  it("lists Kubernetes under unfixed ports, since its port depends on where it's hosted", () => {
    const checklist = buildChecklist([kubernetes, splunk]);
    expect(checklist.unfixedPorts.map((p) => p.id)).toEqual(['kubernetes-cluster']);
    expect(checklist.ports.map((p) => p.port)).toEqual([8089]);
  });

  it('merges ports across the whole catalog exactly as the catalog lists them', () => {
    const catalog = realCatalog();
    const checklist = buildChecklist(catalog.providers);
    const expected = [...new Set(catalog.providers.flatMap((p) => p.ports.map((r) => r.port)))].sort(
      (a, b) => a - b,
    );
    expect(checklist.ports.map((p) => p.port)).toEqual(expected);
    for (const entry of checklist.ports) {
      const users = catalog.providers.filter((p) => p.ports.some((rule) => rule.port === entry.port));
      expect(entry.providers).toEqual(users);
      const rules = users.flatMap((p) => p.ports.filter((rule) => rule.port === entry.port));
      expect(entry.conditional).toBe(rules.every((rule) => rule.conditional));
    }
    expect(checklist.unfixedPorts.map((p) => p.id)).toEqual(['kubernetes-cluster']);
  });

  it('gives an empty checklist for no providers', () => {
    expect(buildChecklist([])).toEqual({ sections: [], ports: [], unfixedPorts: [] });
  });
});

describe('checklistItems', () => {
  it('gives one item per port, then one per permission, with stable keys', () => {
    expect(checklistItems(jenkins)).toEqual([
      {
        key: 'port-0',
        kind: 'port',
        rule: jenkins.ports[0],
        text: 'Allow the Delegate to reach Jenkins on HTTPS 443',
      },
      { key: 'permission-0', kind: 'permission', text: 'Grant: Matrix-based: Read permission.' },
      {
        key: 'permission-1',
        kind: 'permission',
        text: 'Grant: Execute Permission, if jobs are triggered from Workflow.',
      },
    ]);
  });

  it('says when a port is only needed in some setups', () => {
    const [item] = checklistItems(prometheus);
    expect(item?.text).toBe(
      'Allow the Delegate to reach Prometheus on TCP 9090 (if needed: Depends on where the Prometheus server is hosted; for example, on AWS, port 9090 might be required)',
    );
    expect(item?.rule?.conditional).toBe(true);
  });

  it('gives Kubernetes a port item from its portNote, then its four credentials', () => {
    const items = checklistItems(kubernetes);
    expect(items[0]).toEqual({
      key: 'port-note',
      kind: 'port',
      text: 'Open the port Kubernetes Cluster needs: Depends where the cluster is hosted, such as GCP or AWS.',
    });
    expect(items.slice(1).map((i) => i.key)).toEqual([
      'permission-0',
      'permission-1',
      'permission-2',
      'permission-3',
    ]);
    expect(items[2]?.text).toBe('Grant: One of: Username and password.');
  });

  it('skips a "None." permission: Prometheus and SMTP only get their port', () => {
    expect(prometheus.permissions).toEqual(['None.']);
    expect(checklistItems(prometheus).map((i) => i.key)).toEqual(['port-0']);
    expect(checklistItems(smtp).map((i) => i.text)).toEqual(['Allow the Delegate to reach SMTP on TCP 25']);
  });

  it('keeps the permission key at its catalog position', () => {
    const provider = { ...splunk, permissions: ['None.', 'Read access.'] };
    expect(checklistItems(provider).map((i) => i.key)).toEqual(['port-0', 'permission-1']);
  });

  it('never writes "None." as a task for any provider of the catalog', () => {
    for (const provider of realCatalog().providers) {
      for (const item of checklistItems(provider)) expect(item.text).not.toMatch(/Grant: None\.?$/);
    }
  });
});

describe('how large a checklist may be', () => {
  const providers = realCatalog().providers;
  const asChecklist = (count: number) => ({
    intent: 'checklist',
    matches: Array.from({ length: count }, (_, i) => providers[i % providers.length]),
  });

  it('posts one naming every provider of the real catalog', () => {
    expect(providers.length).toBeLessThanOrEqual(MAX_CHECKLIST_PROVIDERS);
    expect(isPostableChecklist(asChecklist(providers.length))).toBe(true);
  });

  it('does not post one with no providers, or with more than the maximum', () => {
    expect(isPostableChecklist(asChecklist(0))).toBe(false);
    expect(isPostableChecklist(asChecklist(MAX_CHECKLIST_PROVIDERS + 1))).toBe(false);
    expect(isPostableChecklist({ intent: 'provider', matches: providers })).toBe(false);
  });
});

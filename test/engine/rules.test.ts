import { describe, expect, it } from 'vitest';
import {
  buildRules,
  cidrOrPlaceholder,
  delegateRules,
  holdReason,
  parseDestination,
  ruleProvider,
  safeIdentifier,
  transportOf,
} from '../../src/engine/rules.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

describe('transportOf', () => {
  it('maps application protocols to the transport they run over', () => {
    expect(
      ['LDAP', 'LDAPS', 'SSH', 'HTTP', 'HTTPS', 'SMTP', 'TCP', 'udp', 'WSS'].map((p) => transportOf(p)),
    ).toEqual(['TCP', 'TCP', 'TCP', 'TCP', 'TCP', 'TCP', 'TCP', 'UDP', 'TCP']);
  });

  it('knows no transport for a word it does not know, rather than guessing one', () => {
    expect(transportOf('QUIC')).toBeUndefined();
  });

  it('knows the transport of every protocol the catalog names', () => {
    for (const provider of realCatalog().providers) {
      for (const port of provider.ports) expect(transportOf(port.protocol), provider.id).toBe('TCP');
    }
  });
});

describe('buildRules', () => {
  it('makes Splunk one egress rule: TCP 8089 to a placeholder', () => {
    expect(buildRules([ruleProvider(providerById('splunk'))])).toEqual([
      {
        providerId: 'splunk',
        providerName: 'Splunk',
        name: 'splunk-8089',
        protocol: 'TCP',
        transport: 'TCP',
        port: 8089,
        direction: 'egress',
        destination: { kind: 'placeholder', value: 'REPLACE_WITH_SPLUNK_CIDR' },
        note: 'Splunk REST API',
        conditional: false,
        inferred: false,
        sources: [
          {
            title: 'Permissions and Ports for Harness Connections',
            url: 'https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements',
          },
        ],
      },
    ]);
  });

  it("keeps Active Directory LDAP's protocols and runs them all over TCP", () => {
    const rules = buildRules([ruleProvider(providerById('active-directory-ldap'))]);
    expect(rules.map((r) => [r.name, r.protocol, r.transport, r.port])).toEqual([
      ['active-directory-ldap-443', 'HTTPS', 'TCP', 443],
      ['active-directory-ldap-389', 'LDAP', 'TCP', 389],
      ['active-directory-ldap-636', 'LDAPS', 'TCP', 636],
    ]);
  });

  it("holds Prometheus's conditional 9090 with the source's reason", () => {
    const [rule] = buildRules([ruleProvider(providerById('prometheus'))]);
    expect(rule?.conditional).toBe(true);
    expect(holdReason(rule!)).toBe(
      'conditional: Depends on where the Prometheus server is hosted; for example, on AWS, port 9090 might be required',
    );
  });

  it('gives Kubernetes Cluster one rule with no port number and the source words', () => {
    const rules = buildRules([ruleProvider(providerById('kubernetes-cluster'))]);
    expect(rules).toHaveLength(1);
    expect(rules[0]?.port).toBeNull();
    expect(holdReason(rules[0]!)).toBe(
      'no port number in the source: Depends where the cluster is hosted, such as GCP or AWS.',
    );
  });

  it('holds an inferred port with the reason, even when it is not conditional', () => {
    const [rule] = buildRules([
      {
        id: 'vault',
        name: 'HashiCorp Vault',
        ports: [{ port: 8200, protocol: 'HTTPS', label: 'Vault API', conditional: false, inferred: true }],
      },
    ]);
    expect(rule?.inferred).toBe(true);
    expect(holdReason(rule!)).toBe("inferred: the product's usual port, not stated by Harness");
  });

  it('makes one rule per port and per destination your organisation gave, with unique names', () => {
    const rules = buildRules([
      {
        ...ruleProvider(providerById('aws-ec2')),
        destinations: ['10.20.0.0/16', 'ec2.internal.example.com'],
      },
    ]);
    expect(rules.map((r) => [r.name, r.port, r.destination.value])).toEqual([
      ['aws-ec2-80', 80, '10.20.0.0/16'],
      ['aws-ec2-80-2', 80, 'ec2.internal.example.com'],
      ['aws-ec2-443', 443, '10.20.0.0/16'],
      ['aws-ec2-443-2', 443, 'ec2.internal.example.com'],
      ['aws-ec2-9090', 9090, '10.20.0.0/16'],
      ['aws-ec2-9090-2', 9090, 'ec2.internal.example.com'],
    ]);
  });

  it('makes, for every provider of the catalog, one rule per port (or one without a number)', () => {
    for (const provider of realCatalog().providers) {
      const rules = buildRules([ruleProvider(provider)]);
      expect(rules.map((r) => r.port)).toEqual(
        provider.ports.length ? provider.ports.map((p) => p.port) : [null],
      );
      expect(rules.every((r) => r.direction === 'egress')).toBe(true);
    }
  });
});

describe('parseDestination', () => {
  it('reads addresses, CIDRs and host names', () => {
    expect(parseDestination('10.0.0.0/8')).toEqual({ kind: 'cidr', value: '10.0.0.0/8', family: 4 });
    expect(parseDestination('192.168.1.10')).toEqual({ kind: 'cidr', value: '192.168.1.10/32', family: 4 });
    expect(parseDestination('2001:db8::/32')).toEqual({ kind: 'cidr', value: '2001:db8::/32', family: 6 });
    expect(parseDestination('Splunk.Example.com')).toEqual({ kind: 'host', value: 'splunk.example.com' });
  });

  it('refuses anything else', () => {
    for (const text of [
      '10.0.0.0/33',
      '300.1.1.1',
      "a'b",
      'x y',
      '$(rm -rf /)',
      '',
      'host\nname',
      '-a',
      '1::2::3',
    ]) {
      expect(parseDestination(text), text).toBeUndefined();
    }
  });

  it('turns a host name into a CIDR placeholder for formats that take only addresses', () => {
    expect(cidrOrPlaceholder({ kind: 'host', value: 'splunk.example.com' })).toBe(
      'REPLACE_WITH_CIDR_OF_SPLUNK_EXAMPLE_COM',
    );
  });
});

describe('safeIdentifier', () => {
  it('keeps lower-case letters, digits and "-", starting with a letter, at most 63 characters', () => {
    expect(safeIdentifier('splunk-8089')).toBe('splunk-8089');
    expect(safeIdentifier('1password-443')).toBe('p-1password-443');
    expect(safeIdentifier("x'; rm -rf / #")).toBe('x-rm-rf');
    expect(safeIdentifier('a'.repeat(80))).toHaveLength(63);
  });
});

describe('delegateRules', () => {
  const network = () => realCatalog().delegate!;
  const prod3 = () => network().clusters.find((c) => c.cluster === 'Prod3')!;

  it("opens HTTPS 443 to the chosen cluster's host, citing the requirement and the host's page", () => {
    const [harness] = delegateRules(network(), prod3());
    expect(harness).toEqual({
      providerId: 'harness',
      providerName: 'Harness Manager (Prod3)',
      name: 'harness-443',
      protocol: 'HTTPS',
      transport: 'TCP',
      port: 443,
      direction: 'egress',
      destination: { kind: 'host', value: 'app3.harness.io', fromCatalog: true },
      note: 'Harness Manager (HTTPS and WSS)',
      conditional: false,
      inferred: false,
      sources: [
        {
          title: 'Delegate system requirements',
          url: 'https://developer.harness.io/docs/platform/delegates/delegate-concepts/delegate-requirements',
        },
        { title: 'Allowlist Harness Platform IPs and CIDR', url: expect.stringContaining('allowlist') },
      ],
    });
    expect(holdReason(harness!)).toBeUndefined();
  });

  it("goes to Prod1's host with a note on finding yours when no cluster is chosen", () => {
    const [harness] = delegateRules(network());
    expect(harness?.providerName).toBe('Harness Manager (Prod1, Prod2)');
    expect(harness?.destination.value).toBe('app.harness.io');
    expect(harness?.note).toBe(
      `Harness Manager (HTTPS and WSS); another cluster has another host: ${network().findCluster.text}`,
    );
  });

  it('holds the optional endpoints, naming the variable that turns logging off', () => {
    const [, logging, storage] = delegateRules(network(), prod3());
    expect(logging?.destination.value).toBe('logging.googleapis.com');
    expect(holdReason(logging!)).toBe(
      "inferred: the product's usual port, not stated by Harness; conditional: optional (turn it off with STACK_DRIVER_LOGGING_ENABLED=false)",
    );
    expect(storage?.destination.value).toBe('storage.googleapis.com');
    expect(holdReason(storage!)).toBe(
      "inferred: the product's usual port, not stated by Harness; conditional: optional",
    );
    expect(storage?.note).toContain('CI_INDIRECT_LOG_UPLOAD');
  });
});

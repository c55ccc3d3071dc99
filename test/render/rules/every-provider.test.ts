import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Provider } from '../../../src/catalog/schema.js';
import { buildRules, type RuleProvider, ruleProvider } from '../../../src/engine/rules.js';
import { RULE_FORMATS, type RuleFormat, renderRules } from '../../../src/render/rules/index.js';
import { realCatalog } from '../../helpers/catalog.js';
import { commands, parseCsv } from './support.js';

/**
 * Every provider of the catalog in every format. The expectations are built here from the catalog's
 * facts (not from the rules model), so a renderer that drops, adds or opens a port fails.
 */
const FORMATS = Object.keys(RULE_FORMATS) as RuleFormat[];
const placeholder = (id: string) => `REPLACE_WITH_${id.toUpperCase().replace(/-/g, '_')}_CIDR`;
const isHeld = (port: Provider['ports'][number]) => port.conditional || port.inferred === true;
/** The table's rows and the NextGen connectors: every provider of the catalog. */
const everyProvider = () => [...realCatalog().providers, ...realCatalog().connectors];

/** The command each format writes for one port of one provider, before commenting out. */
function expectedCommand(format: RuleFormat, provider: Provider, port: number, priority: number): string {
  const name = `${provider.id}-${port}`;
  const cidr = placeholder(provider.id);
  switch (format) {
    case 'iptables':
      return `iptables -A OUTPUT -p tcp -d '${cidr}' --dport ${port} -m comment --comment '${name}' -j ACCEPT`;
    case 'gcp':
      return `gcloud compute firewall-rules create ${name} --network="\${NETWORK:?set NETWORK}" --direction=EGRESS --action=ALLOW --rules=tcp:${port} --destination-ranges='${cidr}' --target-tags="\${DELEGATE_TAG:?set DELEGATE_TAG}" --description='`;
    case 'azure-nsg':
      return `az network nsg rule create --resource-group "\${RESOURCE_GROUP:?set RESOURCE_GROUP}" --nsg-name "\${NSG_NAME:?set NSG_NAME}" --name ${name} --priority ${priority} --direction Outbound --access Allow --protocol Tcp --destination-address-prefixes '${cidr}' --destination-port-ranges ${port} --description '`;
    case 'aws-cli':
      return `aws ec2 authorize-security-group-egress --group-id "\${DELEGATE_SG_ID:?set DELEGATE_SG_ID}" --ip-permissions '[{"IpProtocol":"tcp","FromPort":${port},"ToPort":${port},"IpRanges":[{"CidrIp":"${cidr}","Description":"Harness Delegate to ${provider.name}: `;
    default:
      throw new Error(`no command for ${format}`);
  }
}

it('writes rules for every table row and connector: 84 of them or more', () => {
  expect(everyProvider().length).toBeGreaterThanOrEqual(84);
});

describe.each(everyProvider().map((p) => [p.id, p] as const))('rules for %s', (_id, provider) => {
  const rules = buildRules([ruleProvider(provider)]);
  const open = provider.ports.filter((p) => !isHeld(p));
  const held = provider.ports.filter(isHeld);

  it('k8s: parses as YAML into a NetworkPolicy that opens exactly the unconditional ports', () => {
    const policy = parse(renderRules('k8s', rules));
    expect(Object.keys(policy)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(policy.apiVersion).toBe('networking.k8s.io/v1');
    expect(policy.kind).toBe('NetworkPolicy');
    expect(policy.metadata).toEqual({ name: 'harness-delegate-egress' });
    expect(policy.spec.podSelector).toEqual({
      matchLabels: { 'harness.io/name': 'REPLACE_WITH_DELEGATE_NAME' },
    });
    expect(policy.spec.policyTypes).toEqual(['Egress']);
    const [dns, ...egress] = policy.spec.egress;
    expect(dns.ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    expect(egress).toEqual(
      open.length
        ? [
            {
              to: [{ ipBlock: { cidr: placeholder(provider.id) } }],
              ports: open.map((p) => ({ protocol: 'TCP', port: p.port })),
            },
          ]
        : [],
    );
  });

  it('aws-sg: one Terraform resource per port, the conditional ones commented out', () => {
    const output = renderRules('aws-sg', rules);
    const resources = [...output.matchAll(/^resource "aws_vpc_security_group_egress_rule" "([^"]+)" \{$/gm)];
    const commented = [
      ...output.matchAll(/^# resource "aws_vpc_security_group_egress_rule" "([^"]+)" \{$/gm),
    ];
    expect(resources.map((m) => m[1])).toEqual(open.map((p) => `${provider.id}-${p.port}`));
    expect(commented.map((m) => m[1])).toEqual(held.map((p) => `${provider.id}-${p.port}`));
    for (const port of open) {
      expect(output).toContain(`  from_port         = ${port.port}\n  to_port           = ${port.port}\n`);
    }
  });

  it.each(['aws-cli', 'azure-nsg', 'gcp', 'iptables'] as const)(
    '%s: one command per port, the conditional ones commented out',
    (format) => {
      const output = renderRules(format, rules);
      const expected = provider.ports.map((port, i) => {
        const command = expectedCommand(format, provider, port.port, 1000 + 10 * i);
        return isHeld(port) ? `# ${command}` : command;
      });
      const written = output.split('\n').filter((line) => /^(# )?(aws|az|gcloud|iptables) /.test(line));
      expect(written).toHaveLength(expected.length);
      written.forEach((line, i) => {
        expect(line.startsWith(expected[i]!), line).toBe(true);
      });
      expect(commands(output)).toHaveLength(open.length);
      if (provider.ports.length === 0)
        expect(output).toContain(`# HOLD ${provider.id} (no port number in the source: ${provider.portNote}`);
    },
  );

  it('csv: parses with the header, one row per port', () => {
    const [header, ...rows] = parseCsv(renderRules('csv', rules));
    expect(header).toEqual([
      'provider',
      'protocol',
      'port',
      'direction',
      'destination',
      'conditional',
      'note',
    ]);
    const facts = provider.ports.length ? provider.ports : [undefined];
    expect(rows.map((row) => row.slice(0, 6))).toEqual(
      facts.map((port) => [
        provider.name,
        port ? 'TCP' : '',
        port ? String(port.port) : '',
        'egress',
        placeholder(provider.id),
        port?.conditional ? 'yes' : 'no',
      ]),
    );
    rows.forEach((row, i) => {
      const port = facts[i];
      if (port?.inferred)
        expect(row[6]).toContain("HOLD, inferred: the product's usual port, not stated by Harness");
      else if (port?.conditional) expect(row[6]).toContain(`HOLD, conditional: ${port.condition}`);
      if (!port) expect(row[6]).toContain(`HOLD, no port number in the source: ${provider.portNote}`);
    });
  });
});

describe('every provider in every format, pinned whole', () => {
  it.each(FORMATS)('%s', async (format) => {
    const output = everyProvider()
      .map((provider) => renderRules(format, buildRules([ruleProvider(provider)])))
      .join('\n=====\n');
    await expect(output).toMatchFileSnapshot(`__snapshots__/every-provider.${format}.txt`);
  });
});

/** Catalog or overlay text that tries to break out of a shell command, YAML, HCL or CSV. */
const MARKER = join(tmpdir(), `harness-ports-rules-${process.pid}`);
const HOSTILE = `Evil'; rm -rf / #\n$(touch ${MARKER}) \`touch ${MARKER}\` "q" \${HOME} %{x} \\ ,=cmd\u2028next`;
const hostile: RuleProvider = {
  id: 'evil-provider',
  name: HOSTILE,
  ports: [
    { port: 8443, protocol: 'HTTPS', label: HOSTILE, conditional: false },
    { port: 9443, protocol: 'TCP', label: HOSTILE, conditional: true, condition: HOSTILE },
  ],
  destinations: ['10.1.2.0/24', 'evil.example.com', "x'; reboot", '2001:db8::/48'],
};
const hostileRules = buildRules([hostile]);

describe('hostile catalog and overlay text stays text', () => {
  it('drops destinations that are neither an address nor a host name', () => {
    expect([...new Set(hostileRules.map((r) => r.destination.value))]).toEqual([
      '10.1.2.0/24',
      'evil.example.com',
      '2001:db8::/48',
    ]);
  });

  it.each(['aws-cli', 'azure-nsg', 'gcp', 'iptables'] as const)(
    '%s: bash runs exactly the commands written, with the text as arguments',
    (format) => {
      const script = renderRules(format, hostileRules);
      // Each tool is a shell function that prints its arguments, one per line, then a separator.
      const stubs = ['aws', 'az', 'gcloud', 'iptables', 'ip6tables']
        .map((tool) => `${tool}() { printf '%s\\n' "${tool}" "$@" "--END--"; }`)
        .join('\n');
      const env = {
        PATH: '/usr/bin:/bin',
        DELEGATE_SG_ID: 'sg-1',
        RESOURCE_GROUP: 'rg',
        NSG_NAME: 'nsg',
        NETWORK: 'net',
        DELEGATE_TAG: 'tag',
      };
      const output = execFileSync('bash', ['-c', `set -eu\n${stubs}\n${script}`], { env, encoding: 'utf8' });
      const calls = output.split('--END--\n').filter(Boolean);
      expect(calls).toHaveLength(commands(script).length);
      expect(calls).toHaveLength(3);
      expect(existsSync(MARKER)).toBe(false);
      for (const call of calls) {
        const args = call.split('\n').slice(0, -1);
        const text = args.find((arg) => arg.includes('Evil'));
        if (format === 'iptables') {
          expect(text).toBeUndefined();
          continue;
        }
        const description =
          format === 'aws-cli'
            ? (JSON.parse(text!)[0].IpRanges?.[0]?.Description ??
              JSON.parse(text!)[0].Ipv6Ranges[0].Description)
            : text!.replace(/^--description=/, '');
        expect(description).toMatch(/^Harness Delegate to Evil ; rm -rf \/ # \(touch /);
        expect(description).toMatch(/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;!*]+$/);
      }
    },
  );

  it('k8s: the YAML parses to the expected policy, the text only in comments', () => {
    const output = renderRules('k8s', hostileRules);
    const policy = parse(output);
    expect(policy.spec.egress.slice(1)).toEqual([
      { to: [{ ipBlock: { cidr: '10.1.2.0/24' } }], ports: [{ protocol: 'TCP', port: 8443 }] },
      {
        to: [{ ipBlock: { cidr: 'REPLACE_WITH_CIDR_OF_EVIL_EXAMPLE_COM' } }],
        ports: [{ protocol: 'TCP', port: 8443 }],
      },
      { to: [{ ipBlock: { cidr: '2001:db8::/48' } }], ports: [{ protocol: 'TCP', port: 8443 }] },
    ]);
    for (const line of output.split('\n')) {
      if (line.includes('Evil')) expect(line.trimStart().startsWith('#'), line).toBe(true);
    }
  });

  it('aws-sg: descriptions keep only the characters AWS accepts, and nothing HCL interpolates', () => {
    const output = renderRules('aws-sg', hostileRules);
    const descriptions = [...output.matchAll(/^ {2}description {7}= "(.*)"$/gm)].map((m) => m[1]);
    expect(descriptions).toHaveLength(3);
    for (const text of descriptions) expect(text).toMatch(/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;!*]+$/);
    expect(output).toContain('  cidr_ipv6         = "2001:db8::/48"');
    for (const line of output.split('\n').filter((l) => !l.startsWith('#'))) {
      expect(line).not.toMatch(/(^|[^$])\$\{/);
    }
  });

  it('csv: every row has seven cells, the text kept on one line, formulas defused', () => {
    const [, ...rows] = parseCsv(
      renderRules('csv', [...hostileRules, ...buildRules([{ ...hostile, name: '=HYPERLINK("x")' }])]),
    );
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row).toHaveLength(7);
    expect(rows[0]?.[0]).toBe(HOSTILE.replace('\n', ' ').replace('\u2028', ' '));
    expect(rows[6]?.[0]).toBe('\'=HYPERLINK("x")');
  });
});

describe('azure-nsg priorities', () => {
  it('never collide, even past what steps of 10 allow', () => {
    const many: RuleProvider[] = Array.from({ length: 400 }, (_, i) => ({
      id: `p${i}`,
      name: `P${i}`,
      ports: [{ port: 1000 + i, protocol: 'TCP', label: 'x', conditional: false }],
    }));
    const priorities = [...renderRules('azure-nsg', buildRules(many)).matchAll(/--priority (\d+)/g)].map(
      (m) => Number(m[1]),
    );
    expect(priorities).toHaveLength(400);
    expect(new Set(priorities).size).toBe(400);
    expect(Math.min(...priorities)).toBe(100);
    expect(Math.max(...priorities)).toBe(499);
  });
});

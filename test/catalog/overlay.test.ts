import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CatalogError, loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import { buildChecklist } from '../../src/engine/checklist.js';
import { rulesFor, rulesRequest } from '../../src/engine/rules-request.js';
import { renderAnswerMessage, renderProviderMessage } from '../../src/render/blocks/answer.js';
import { answerJson } from '../../src/render/json.js';
import { renderRules } from '../../src/render/rules/index.js';
import { renderText } from '../../src/render/text.js';
import { exampleOverlayText, realCatalog } from '../helpers/catalog.js';
import { parseCsv } from '../render/rules/support.js';

const scratch = mkdtempSync(join(tmpdir(), 'harness-ports-overlay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const OVERLAY = exampleOverlayText();
/** What the example overlay adds to Splunk. */
const SPLUNK_ORGANISATION = {
  destinations: ['splunk.corp.example.com', '10.20.0.0/16'],
  team: 'Observability',
  channel: '#observability',
  notes: ['Firewall tickets go to #netsec.'],
  aliases: ['corp splunk'],
  addedProvider: false,
};

function overlayFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

let withOverlay: Catalog | undefined;
const overlaid = () => {
  withOverlay ??= loadCatalog(undefined, undefined, overlayFile('overlay.yml', OVERLAY));
  return withOverlay;
};
const find = (catalog: Catalog, id: string) => catalog.providers.find((p) => p.id === id)!;

describe('loading an overlay', () => {
  it("adds your organisation's facts to the providers it names, and nothing to the others", () => {
    expect(find(overlaid(), 'splunk').organisation).toEqual(SPLUNK_ORGANISATION);
    expect(find(overlaid(), 'nexus').organisation).toBeUndefined();
    expect(overlaid().overlay).toContain('overlay.yml');
  });

  it('never changes a source fact', () => {
    const strip = ({ organisation: _o, aliases: _a, ...facts }: ReturnType<typeof find>) => facts;
    for (const provider of realCatalog().providers) {
      expect(strip(find(overlaid(), provider.id))).toEqual(strip(provider));
    }
    expect(overlaid().connectors).toHaveLength(realCatalog().connectors.length);
    expect(overlaid().delegate).toEqual(realCatalog().delegate);
  });

  it('finds a provider by the alias your organisation gave it, and finds your own providers', () => {
    // The overlay's alias finds the table row; its NextGen connector comes with it.
    expect(answer('corp splunk', overlaid()).matches.map((m) => m.provider.id)).toEqual([
      'splunk',
      'splunk-connector',
    ]);
    expect(answer('acme store', overlaid()).matches.map((m) => m.provider.id)).toEqual(['acme-artifacts']);
    const acme = find(overlaid(), 'acme-artifacts');
    expect(acme.source).toMatchObject({ id: 'organisation', edition: 'organisation' });
    expect(acme.organisation).toMatchObject({ addedProvider: true, team: 'Build Platform' });
  });

  it.each([
    [
      'destinations: ["not a host!"]',
      'providers.splunk.destinations[0]: must be a host name, an IP address or a CIDR',
    ],
    ['channel: netsec', 'providers.splunk.channel: must be a Slack channel name such as "#netsec"'],
    ['aliases: [Active Directory]', 'providers.splunk.aliases[0]: "Active Directory" already names provider'],
    ['aliases: [proxy]', 'providers.splunk.aliases[0]: "proxy" already names topic "proxy"'],
    ['aliases: [aws]', 'providers.splunk.aliases[0]: "aws" already names group "aws"'],
    ['aliases: [microsoft]', 'providers.splunk.aliases[0]: "microsoft" already names maker "Microsoft"'],
    [
      'aliases: [artifact servers]',
      'providers.splunk.aliases[0]: "artifact servers" already names category "artifact-server"',
    ],
    // The name without its bracket is how people ask for GCP: the search answers it with GCP.
    [
      'aliases: [Google Cloud Platform]',
      'providers.splunk.aliases[0]: "Google Cloud Platform" already names provider "gcp"',
    ],
    ['ports: []', 'providers.splunk: Unrecognized key: "ports"'],
  ])('refuses "%s" in one line naming the file and the field', (line, message) => {
    const path = overlayFile('bad.yml', `providers:\n  splunk:\n    ${line}\n`);
    expect(() => loadCatalog(undefined, undefined, path)).toThrow(CatalogError);
    try {
      loadCatalog(undefined, undefined, path);
    } catch (error) {
      expect((error as Error).message).toContain(`bad.yml: ${message}`);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('refuses a provider of your own that takes an id of the catalog', () => {
    const path = overlayFile(
      'dup.yml',
      'add:\n  - { id: splunk, name: Our Splunk, category: verification-provider, permissions: [x], portNote: none }\n',
    );
    expect(() => loadCatalog(undefined, undefined, path)).toThrow(
      /dup\.yml: add\[0\] \(id "splunk"\)\.id: "splunk" is already the id of a provider$/,
    );
  });

  it('refuses two providers of your own with one id, and an id the search reads as a catalog name', () => {
    const own = (id: string, name: string) =>
      `  - { id: ${id}, name: ${name}, category: artifact-server, permissions: [x], portNote: none }\n`;
    const twice = overlayFile('twice.yml', `add:\n${own('acme', 'ACME One')}${own('acme', 'ACME Two')}`);
    expect(() => loadCatalog(undefined, undefined, twice)).toThrow(
      /twice\.yml: add\[1\] \(id "acme"\)\.id: "acme" is already the id of a provider$/,
    );
    // "newrelic" is how the search reads "New Relic": an added provider with that id would never be found.
    const newrelic = overlayFile('newrelic.yml', `add:\n${own('newrelic', 'Our Relic')}`);
    expect(() => loadCatalog(undefined, undefined, newrelic)).toThrow(
      /"newrelic" already names provider "new-relic"/,
    );
  });
});

describe('rules with the overlay', () => {
  it('an overlay with hosts for Splunk and Jenkins yields rules with those destinations', () => {
    const catalog = overlaid();
    const rules = rulesFor(rulesRequest('rules splunk jenkins', catalog), catalog);
    expect(rules.map((rule) => [rule.name, rule.port, rule.destination])).toEqual([
      ['splunk-8089', 8089, { kind: 'host', value: 'splunk.corp.example.com' }],
      ['splunk-8089-2', 8089, { kind: 'cidr', value: '10.20.0.0/16', family: 4 }],
      ['jenkins-443', 443, { kind: 'cidr', value: '10.30.1.5/32', family: 4 }],
    ]);
    const csv = parseCsv(renderRules('csv', rules));
    expect(csv.slice(1).map((row) => row[4])).toEqual([
      'splunk.corp.example.com',
      '10.20.0.0/16',
      '10.30.1.5/32',
    ]);
    const policy = parse(renderRules('k8s', rules));
    expect(
      policy.spec.egress
        .slice(1)
        .map((rule: { to: Array<{ ipBlock: { cidr: string } }> }) => rule.to[0]!.ipBlock.cidr),
    ).toEqual(['REPLACE_WITH_CIDR_OF_SPLUNK_CORP_EXAMPLE_COM', '10.20.0.0/16', '10.30.1.5/32']);
    expect(renderRules('iptables', rules)).toContain(
      "iptables -A OUTPUT -p tcp -d 'splunk.corp.example.com' --dport 8089 -m comment --comment 'splunk-8089' -j ACCEPT",
    );
  });

  it('writes rules for a provider of your own, to its destinations', () => {
    const catalog = overlaid();
    const rules = rulesFor(rulesRequest('rules acme store', catalog), catalog);
    expect(rules.map((rule) => [rule.name, rule.port, rule.destination.value])).toEqual([
      ['acme-artifacts-8443', 8443, 'artifacts.corp.example.com'],
    ]);
  });
});

describe('every answer face labels the overlay as your organisation', () => {
  it('text: a "Your organisation" section on the card', () => {
    const text = renderText(answer('splunk', overlaid()));
    expect(text).toContain(
      [
        '  Your organisation',
        '    - Destinations: splunk.corp.example.com, 10.20.0.0/16',
        '    - Owner: Observability, #observability',
        '    - Note: Firewall tickets go to #netsec.',
        '    - Also called: corp splunk',
      ].join('\n'),
    );
    expect(renderText(answer('nexus', overlaid()))).not.toContain('Your organisation');
    expect(renderText(answer('acme store', overlaid()))).toContain(
      '    - Added by your organisation: no Harness source states these facts.',
    );
  });

  it('json: an "organisation" object, null where the overlay says nothing', () => {
    // (Splunk and Nexus come with their NextGen connectors: the overlay says nothing of those.)
    const json = answerJson(answer('splunk and nexus', overlaid()));
    expect(json.providers.map((p) => p.id)).toEqual([
      'splunk',
      'splunk-connector',
      'nexus',
      'nexus3-connector',
    ]);
    expect(json.providers.map((p) => p.organisation)).toEqual([SPLUNK_ORGANISATION, null, null, null]);
  });

  it('text: a list row carries it on the line under the provider', () => {
    const text = renderText(answer('verification providers', overlaid()));
    expect(text).toContain(
      '\n  Splunk: TCP 8089\n    Your organisation: Destinations: splunk.corp.example.com, 10.20.0.0/16; Owner: Observability, #observability; Note: Firewall tickets go to #netsec.; Also called: corp splunk\n  Sumo Logic: HTTPS 443',
    );
  });

  it('Slack: a list row carries it in italics under the ports', () => {
    const result = answer('verification providers', overlaid());
    const message = renderAnswerMessage(result, { surface: 'ephemeral', command: '/harness-ports' });
    const rows = JSON.stringify(message.blocks);
    expect(rows).toContain(
      '*Splunk*  ·  TCP 8089\\n_Your organisation: Destinations: splunk.corp.example.com, 10.20.0.0/16; Owner: Observability, #observability; Note: Firewall tickets go to #netsec.; Also called: corp splunk_',
    );
  });

  it('checklist: the port task names where your organisation runs it', () => {
    const [section] = buildChecklist([find(overlaid(), 'splunk')]).sections;
    expect(section?.items[0]?.text).toBe(
      'Allow the Delegate to reach Splunk at splunk.corp.example.com, 10.20.0.0/16 (your organisation) on TCP 8089',
    );
    const [plain] = buildChecklist([find(realCatalog(), 'splunk')]).sections;
    expect(plain?.items[0]?.text).toBe('Allow the Delegate to reach Splunk on TCP 8089');
  });

  it('Slack: a context block headed "Your organisation" on the card', () => {
    const message = renderProviderMessage(find(overlaid(), 'splunk'), {
      surface: 'ephemeral',
      command: '/harness-ports',
    });
    const texts = JSON.stringify(message.blocks);
    expect(texts).toContain(
      '*Your organisation*\\n• Destinations: splunk.corp.example.com, 10.20.0.0/16\\n• Owner: Observability, #observability\\n• Note: Firewall tickets go to #netsec.\\n• Also called: corp splunk',
    );
  });
});

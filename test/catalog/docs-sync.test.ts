import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  comparableText,
  type DocsFolder,
  diffDocs,
  readDocsFolder,
  statesNumber,
} from '../../src/catalog/docs-sync.js';
import { loadCatalog, parseCatalogText } from '../../src/catalog/load.js';
import { runCatalogSync } from '../../src/catalog/sync-command.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'developer-hub');
const CATALOG = join(FIXTURES, 'catalog.yml');

function collector() {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

function sync(...argv: string[]) {
  const out = collector();
  const err = collector();
  const code = runCatalogSync(argv, out, err);
  return { code, out: out.text(), err: err.text() };
}

describe('catalog:sync --docs on two real versions of developer-hub pages', () => {
  it('finds no difference between a catalog and the pages it was read from', () => {
    const { code, out } = sync('--docs', join(FIXTURES, 'v1'), CATALOG);
    expect(out).toContain('No differences.');
    expect(code).toBe(0);
  });

  it('reports the page that moved, the words it lost and the connector page it does not know, and nothing else', () => {
    const { code, out } = sync('--docs', join(FIXTURES, 'v2'), CATALOG);
    expect(code).toBe(1);
    expect(out.trim().split('\n').slice(1)).toEqual([
      'docs/platform/7_Connectors/Cloud-providers/add-a-spot-connector.md: page moved (ng-spot): now at docs/platform/connectors/cloud-providers/add-a-spot-connector.md',
      'docs/platform/7_Connectors/Cloud-providers/add-a-spot-connector.md: quote no longer on the page (spot-connector): no longer says "curl -i -X POST \\"',
      'docs/platform/connectors/cloud-providers/pdc-connector.md: page not in the catalog: a page the catalog does not know',
      '3 differences: pages gone 0, moved 1, quotes 1, ports 0, grants 0, pages not in the catalog 1.',
    ]);
  });

  it('says a folder with no pages, or no folder, is not a copy of the docs (exit 2)', () => {
    expect(sync('--docs', join(FIXTURES, 'nowhere'), CATALOG)).toMatchObject({ code: 2 });
    expect(sync('--docs')).toMatchObject({ code: 2 });
  });

  it('checks the bundled catalog against its own inventory: a folder of one known page reports only pages it lacks', () => {
    const catalog = loadCatalog();
    const folder = readDocsFolder(join(FIXTURES, 'v2'));
    const differences = diffDocs(catalog, folder, []);
    // Every bundled page with a path that the fixture does not hold is "gone" or "moved"; none is invented,
    // and the grants of a page gone are not reported one by one (the page is).
    expect(
      differences.every((d) => ['gone', 'moved', 'unknown-page', 'quote', 'port'].includes(d.kind)),
    ).toBe(true);
    expect(differences.filter((d) => d.path.endsWith('/add-hashicorp-vault.md')).map((d) => d.kind)).toEqual([
      'gone',
    ]);
    expect(differences.filter((d) => d.kind === 'gone').length).toBeGreaterThan(10);
  });
});

describe('catalog:sync --docs: stated ports and quotes', () => {
  const page = (text: string): DocsFolder => ({
    files: ['docs/platform/connectors/x/splunk.md'],
    read: () => text,
  });
  const catalog = parseCatalogText(`
version: 1
title: t
source: { title: Permissions and Ports for Harness Connections }
providers:
  - { id: splunk, name: Splunk, category: verification-provider, permissions: [None.], portNote: none }
sources:
  - { id: ng-s, title: S, url: 'https://developer.harness.io/docs/s', edition: nextgen-docs, path: docs/platform/connectors/x/splunk.md }
connectors:
  - id: splunk-connector
    name: Splunk connector
    category: verification-provider
    source: ng-s
    permissions: [A role with Search.]
    ports: [{ port: 8089, protocol: HTTPS, label: REST }, { port: 443, protocol: HTTPS, label: UI, inferred: true }]
    evidence: [{ quote: 'The default port number is 8089.' }]
`);

  it('passes while the page still states the port and the words', () => {
    expect(
      diffDocs(catalog, page('`https://x.splunk.com:8089`. The default port number is **8089**.')),
    ).toEqual([]);
  });

  it('reports a stated port the page no longer has, never an inferred one', () => {
    const differences = diffDocs(catalog, page('The default port number is 18089.'));
    expect(differences.map((d) => [d.kind, d.holder, d.text])).toEqual([
      ['quote', 'splunk-connector', 'no longer says "The default port number is 8089."'],
      ['port', 'splunk-connector', 'no longer states HTTPS 8089'],
    ]);
  });

  it('compares words, not markdown: emphasis, code marks, link targets, escapes and spacing', () => {
    expect(comparableText('Use **Connect  through** [the `Platform`](https://x/y)\\.')).toBe(
      'use connect through the platform.',
    );
    expect(statesNumber('port:8089,', 8089)).toBe(true);
    expect(statesNumber('port 18089', 8089)).toBe(false);
  });
});

describe('catalog:sync --docs: grants', () => {
  /** The real CloudWatch Logs page (developer-hub @ 8d204b3b) and a catalog read from it, with its grants. */
  const GRANTS = join(FIXTURES, 'grants');
  const GRANTS_CATALOG = join(FIXTURES, 'grants-catalog.yml');
  const PAGE = 'docs/continuous-delivery/verify/configure-cv/health-sources/cloudwatch-aws.md';

  /** A copy of the grants folder with the page edited, run through the command. */
  function syncEdited(edit: (page: string) => string) {
    const dir = mkdtempSync(join(tmpdir(), 'hp-docs-grants-'));
    try {
      cpSync(GRANTS, dir, { recursive: true });
      writeFileSync(join(dir, PAGE), edit(readFileSync(join(dir, PAGE), 'utf8')));
      return sync('--docs', dir, GRANTS_CATALOG);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('finds no grant difference on the page the grants were read from', () => {
    const { code, out } = sync('--docs', GRANTS, GRANTS_CATALOG);
    expect(out.trim().split('\n').slice(1)).toEqual(['No differences.']);
    expect(code).toBe(0);
  });

  it('reports each grant whose page words changed, with its provider, value and statement (exit 1)', () => {
    const { code, out, err } = syncEdited((page) =>
      page
        .replace(
          'it needs ec2:DescribeRegions permission mandatorily',
          'it needs ec2:DescribeRegions and ec2:DescribeInstances permissions mandatorily',
        )
        .replace('"logs:StartQuery",\n', ''),
    );
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out.trim().split('\n').slice(1)).toEqual([
      `${PAGE}: quote no longer on the page (cloudwatch-health-source): no longer says "The way AWS connector works is that it needs ec2:DescribeRegions permission mandatorily which could be added using the following permission policy:"`,
      `${PAGE}: quote no longer on the page (cloudwatch-health-source): no longer says ""logs:StartQuery","`,
      `${PAGE}: grant no longer on the page (cloudwatch-health-source): ec2:DescribeRegions, from "Through an AWS connector, whose credentials need ec2:DescribeRegions (Resource *) for every AWS connector."`,
      `${PAGE}: grant no longer on the page (cloudwatch-health-source): logs:StartQuery, from "CloudWatch Logs: logs:DescribeLogGroups on arn:aws:logs:*:<AWS_ACCOUNT>:*, and logs:StartQuery and logs:GetQueryResults on the log groups queried (e.g. arn:aws:logs:*:<AWS_ACCOUNT>:log-group:log-group-1:*); enough for an AWS connector with access keys."`,
      '4 differences: pages gone 0, moved 0, quotes 2, ports 0, grants 2, pages not in the catalog 0.',
    ]);
  });

  describe('a grant no quote writes: its statement, or its value and capabilities, on the page', () => {
    const statement = 'ACL example: path "secret/*" { capabilities = ["create","read"] }.';
    const catalog = parseCatalogText(`
version: 1
title: t
source: { title: Permissions and Ports for Harness Connections }
providers:
  - { id: splunk, name: Splunk, category: verification-provider, permissions: [None.], portNote: none }
sources:
  - { id: ng-v, title: V, url: 'https://developer.harness.io/docs/v', edition: nextgen-docs, path: docs/platform/secrets/v.md }
connectors:
  - id: vault
    name: Vault
    category: secret-manager
    source: ng-v
    permissions: ['${statement}']
    portNote: none
grants:
  vault: [{ kind: vault-path, value: secret/*, capabilities: [create, read], statement: '${statement}' }]
`);
    const page = (text: string): DocsFolder => ({ files: ['docs/platform/secrets/v.md'], read: () => text });

    it('passes while the page writes the statement, or the path and every capability', () => {
      expect(diffDocs(catalog, page(`An **${statement}**`))).toEqual([]);
      expect(
        diffDocs(catalog, page('```\npath "secret/*" {\n  capabilities = ["create", "read"]\n}\n```')),
      ).toEqual([]);
    });

    it('reports the grant when the page drops a capability', () => {
      expect(diffDocs(catalog, page('```\npath "secret/*" {\n  capabilities = ["read"]\n}\n```'))).toEqual([
        {
          kind: 'grant',
          path: 'docs/platform/secrets/v.md',
          holder: 'vault',
          text: `secret/*, from "${statement}"`,
        },
      ]);
    });
  });
});

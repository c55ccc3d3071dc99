import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { comparableUrl, diffPage, parsePermissionsPage, portsIn } from '../../src/catalog/sync.js';
import { runCatalogSync } from '../../src/catalog/sync-command.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/permissions-and-ports');
/** The FirstGen copy, harness/developer-hub @ 6a4347bb (see the fixtures' README). */
const FIRSTGEN = resolve(FIXTURES, 'firstgen-6a4347bb.md');
/** The NextGen copy, harness/developer-hub @ acf48817. */
const NEXTGEN = resolve(FIXTURES, 'nextgen-acf48817.md');

const catalog = loadCatalog();
const differencesOf = (file: string) => diffPage(parsePermissionsPage(readFileSync(file, 'utf8')), catalog);
const summary = (file: string) =>
  differencesOf(file).map(
    (d) => `${d.row} | ${d.kind} | ${d.page} | ${d.data}${d.recorded ? ' | recorded' : ''}`,
  );

function collector() {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
    },
    get text() {
      return text;
    },
  };
}

describe('reading the published page', () => {
  it('finds the 29 rows of both versions, with their cells', () => {
    for (const file of [FIRSTGEN, NEXTGEN]) {
      const rows = parsePermissionsPage(readFileSync(file, 'utf8'));
      expect(rows).toHaveLength(29);
      expect(rows[0]).toMatchObject({
        name: 'Active Directory LDAP',
        permissions: 'User account in the Active Directory.',
      });
      expect(rows.find((r) => r.name === 'Splunk')?.references).toEqual([
        {
          title: 'Set permissions for objects in a Splunk app',
          url: 'http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
        },
      ]);
    }
  });

  it('reads every port number of a cell, and none where the page states none', () => {
    expect(portsIn('HTTPS: 443.LDAP without SSL: 389.Secure LDAP (LDAPS): 636.')).toEqual([389, 443, 636]);
    expect(portsIn('Well-known ports: 25, 80, 443, 465, and 587.')).toEqual([25, 80, 443, 465, 587]);
    expect(portsIn('HTTP: 80 or 443.')).toEqual([80, 443]);
    expect(portsIn('Depends where the cluster is hosted, such as GCP or AWS.')).toEqual([]);
  });

  it('ignores only the Google Analytics parameter when comparing links', () => {
    expect(
      comparableUrl('https://cloud.google.com/iam/docs/understanding-roles?_ga=2.1.-9.1#curated_roles'),
    ).toBe('https://cloud.google.com/iam/docs/understanding-roles#curated_roles');
    expect(comparableUrl('https://docs.datadoghq.com/agent/network/?tab=agentv6#open-ports')).toBe(
      'https://docs.datadoghq.com/agent/network/?tab=agentv6#open-ports',
    );
  });
});

describe('catalog:sync against two real versions of the page', () => {
  it('reports the FirstGen copy: its links, its Harness-docs links, and no port', () => {
    expect(summary(FIRSTGEN)).toEqual([
      'AppDynamics | link | https://docs.appdynamics.com/display/PRO45/Application+Permissions#ApplicationPermissions-GeneralPermissions | https://docs.appdynamics.com/21.3/en/appdynamics-essentials/account-management/tenant-user-management/create-and-manage-custom-roles/application-permissions | recorded',
      'Google Cloud Platform (GCP) | permission-link | Google Cloud Platform (GCP) (../../../account/manage-connectors/cloud-providers.md#google-cloud-platform-gcp) | no link in the permissions',
      'Jenkins | link | https://wiki.jenkins.io/display/JENKINS/Matrix-based+security | https://www.jenkins.io/doc/book/security/managing-security/ | recorded',
      'Kubernetes Cluster | permission-link | Kubernetes Cluster (../../../account/manage-connectors/cloud-providers.md#kubernetes-cluster) | no link in the permissions',
      'Logz.io | link-title | Announcing the Logz.io Search API | Announcing the Search API',
      'New Relic | link | https://docs.newrelic.com/docs/apis/get-started/intro-apis/access-rest-api-keys | https://docs.newrelic.com/docs/apis/getting-started/intro-apis/access-rest-api-keys | recorded',
    ]);
  });

  it('reports the NextGen copy: the Jenkins wording, its links, and no port', () => {
    expect(summary(NEXTGEN)).toEqual([
      'Jenkins | permissions | Matrix-based: Read permission.Execute Permission, if jobs are triggered from Harness stage. | Matrix-based: Read permission. | Execute Permission, if jobs are triggered from Workflow. | recorded',
      'Logz.io | link-title | Announcing the Logz.io Search API | Announcing the Search API',
      'New Relic | link | https://docs.newrelic.com/docs/apis/get-started/intro-apis/access-rest-api-keys | https://docs.newrelic.com/docs/apis/getting-started/intro-apis/access-rest-api-keys | recorded',
    ]);
  });

  it('finds no port difference in either version, and no row added or removed', () => {
    for (const file of [FIRSTGEN, NEXTGEN]) {
      const kinds = differencesOf(file).map((d) => d.kind);
      expect(kinds).not.toContain('ports');
      expect(kinds).not.toContain('grant');
      expect(kinds).not.toContain('row-added');
      expect(kinds).not.toContain('row-removed');
    }
  });

  it('reports a changed port, a changed permission and added and removed rows', () => {
    const edited = readFileSync(NEXTGEN, 'utf8')
      .replace('TCP: 8089 for API.', 'TCP: 8090 for API.')
      .replace('| Datadog | API Key.', '| Datadog | API Key with admin scope.')
      .replace(/\| Bamboo \|.*\n/, '')
      .concat('| Kafka | SASL user. | TCP: 9092. | |\n');
    const differences = diffPage(parsePermissionsPage(edited), catalog);
    expect(differences).toEqual(
      expect.arrayContaining([
        { row: 'Splunk', kind: 'ports', page: '8090', data: '8089' },
        { row: 'Datadog', kind: 'permissions', page: 'API Key with admin scope.', data: 'API Key.' },
        { row: 'Kafka', kind: 'row-added', page: 'Kafka: ports 9092', data: 'no such row' },
        { row: 'Bamboo', kind: 'row-removed', page: 'no such row', data: 'Bamboo' },
      ]),
    );
  });
});

describe('npm run catalog:sync', () => {
  it('prints the differences row by row and exits 1 when the page and data/ differ', () => {
    const out = collector();
    const err = collector();
    expect(runCatalogSync([NEXTGEN], out, err)).toBe(1);
    expect(err.text).toBe('');
    expect(out.text).toContain('29 rows on the page, compared with data/ row by row.');
    expect(out.text).toContain(
      'Jenkins: permissions differ\n  page:  Matrix-based: Read permission.Execute Permission, if jobs are triggered from Harness stage.\n',
    );
    expect(out.text).toContain(
      '(recorded in data/source-versions.yml, from "Permissions and ports for Harness connections (NextGen)")',
    );
    expect(out.text.trimEnd().split('\n').at(-1)).toBe(
      '3 differences: ports 0, permissions 1, grants 0, links 2, rows added 0, removed 0.',
    );
  });

  it('exits 0 and says so when the page says what data/ says', () => {
    const same = readFileSync(NEXTGEN, 'utf8')
      .replace('triggered from Harness stage.', 'triggered from Workflow.')
      .replace('apis/get-started/intro-apis', 'apis/getting-started/intro-apis')
      .replace('Announcing the Logz.io Search API', 'Announcing the Search API');
    const dir = mkdtempSync(join(tmpdir(), 'hp-sync-'));
    try {
      writeFileSync(join(dir, 'page.md'), same);
      const out = collector();
      expect(runCatalogSync([join(dir, 'page.md')], out, collector())).toBe(0);
      expect(out.text.trimEnd().split('\n').at(-1)).toBe('No differences.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a grant whose statement the permissions cell no longer has, naming it, and exits 1', () => {
    const edited = readFileSync(NEXTGEN, 'utf8').replace(
      '| AWS EC2 | Policy: AmazonEC2FullAccessDescribeRegions',
      '| AWS EC2 | Policy: AmazonEC2ReadOnlyAccessDescribeRegions',
    );
    const dir = mkdtempSync(join(tmpdir(), 'hp-sync-'));
    try {
      writeFileSync(join(dir, 'page.md'), edited);
      const out = collector();
      expect(runCatalogSync([join(dir, 'page.md')], out, collector())).toBe(1);
      // The ec2:DescribeRegions grant of the same row keeps its sentence, so only AmazonEC2FullAccess is named.
      expect(out.text).toContain(
        'AWS EC2: grant no longer on the page\n' +
          '  page:  Policy: AmazonEC2ReadOnlyAccessDescribeRegions required also.\n' +
          '  data/: aws-ec2 grant AmazonEC2FullAccess, from "Policy: AmazonEC2FullAccess"\n',
      );
      expect(out.text.trimEnd().split('\n').at(-1)).toBe(
        '5 differences: ports 0, permissions 2, grants 1, links 2, rows added 0, removed 0.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line for a missing file or no argument', () => {
    const err = collector();
    expect(runCatalogSync(['no-such-page.md'], collector(), err)).toBe(2);
    expect(err.text).toBe('no-such-page.md: cannot read (ENOENT)\n');
    const usage = collector();
    expect(runCatalogSync([], collector(), usage)).toBe(2);
    expect(usage.text).toMatch(
      /^expected the page's markdown file .*usage: npm run catalog:sync -- <page\.md>/,
    );
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCatalogCheck } from '../../src/catalog/check.js';
import { CatalogError, loadCatalog, parseCatalogText } from '../../src/catalog/load.js';

const FILE = 'catalogs/bad.yml';
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'harness-ports-catalog-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One valid provider entry, as it would be written in data/catalog.yml. */
function splunkEntry(): Record<string, unknown> {
  return {
    id: 'splunk',
    name: 'Splunk',
    category: 'verification-provider',
    aliases: ['splunk'],
    permissions: ['User account with Read permissions on eventtypes objects.'],
    ports: [{ port: 8089, protocol: 'TCP', label: 'Splunk REST API', conditional: false }],
    references: [
      {
        title: 'Set permissions for objects in a Splunk app',
        url: 'http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
      },
    ],
  };
}

function sumoEntry(): Record<string, unknown> {
  return {
    ...splunkEntry(),
    id: 'sumo-logic',
    name: 'Sumo Logic',
    aliases: ['sumo'],
    ports: [{ port: 443, protocol: 'HTTPS', label: 'Sumo Logic API over HTTPS', conditional: false }],
  };
}

/** Catalog YAML with the given provider entries. */
function catalogYaml(...providers: Record<string, unknown>[]): string {
  return stringify({
    version: 1,
    title: 'Permissions and Ports for Harness Connections',
    source: { title: 'Permissions and Ports for Harness Connections' },
    providers,
  });
}

/** Catalog YAML whose first (Splunk) entry was changed by `edit`. */
function splunkCatalogWith(edit: (entry: Record<string, unknown>) => void): string {
  const entry = splunkEntry();
  edit(entry);
  return catalogYaml(entry);
}

function firstPort(entry: Record<string, unknown>): Record<string, unknown> {
  return (entry.ports as Record<string, unknown>[])[0]!;
}

/** The CatalogError message `text` gives; fails the test if the catalog is accepted. */
function errorFor(text: string): string {
  try {
    parseCatalogText(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    const message = (error as CatalogError).message;
    expect(message).not.toContain('\n');
    expect(message.startsWith(`${FILE}: `)).toBe(true);
    return message;
  }
  throw new Error('the catalog was accepted');
}

function writeScratch(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('parseCatalogText', () => {
  it('accepts the minimal valid entry the other cases start from', () => {
    const catalog = parseCatalogText(catalogYaml(splunkEntry(), sumoEntry()), FILE);
    expect(catalog.providers.map((provider) => provider.id)).toEqual(['splunk', 'sumo-logic']);
    expect(catalog.providers[0]?.ports[0]?.port).toBe(8089);
  });

  it('names the entry and field when a provider has no name', () => {
    const message = errorFor(splunkCatalogWith((entry) => delete entry.name));
    expect(message).toMatch(/^catalogs\/bad\.yml: providers\[0\] \(id "splunk"\)\.name: /);
    expect(message).toMatch(/\.name: is required$/);
  });

  it('rejects port 70000 with the valid range', () => {
    const message = errorFor(splunkCatalogWith((entry) => (firstPort(entry).port = 70000)));
    expect(message).toBe(`${FILE}: providers[0] (id "splunk").ports[0].port: must be between 1 and 65535`);
  });

  it('rejects a port written as text', () => {
    const message = errorFor(splunkCatalogWith((entry) => (firstPort(entry).port = 'abc')));
    expect(message).toBe(`${FILE}: providers[0] (id "splunk").ports[0].port: must be a number`);
  });

  it('rejects a duplicate id and points at the first use', () => {
    const message = errorFor(catalogYaml(splunkEntry(), { ...sumoEntry(), id: 'splunk' }));
    expect(message).toBe(
      `${FILE}: providers[1] (id "splunk").id: duplicate id "splunk" (also used by providers[0])`,
    );
  });

  it('rejects a malformed reference URL', () => {
    const message = errorFor(
      splunkCatalogWith((entry) => {
        (entry.references as Record<string, unknown>[])[0]!.url = 'dev.splunk.com/view';
      }),
    );
    expect(message).toBe(`${FILE}: providers[0] (id "splunk").references[0].url: must be an http(s) URL`);
  });

  it('rejects a conditional port that does not say on what it depends', () => {
    const message = errorFor(splunkCatalogWith((entry) => (firstPort(entry).conditional = true)));
    expect(message).toBe(
      `${FILE}: providers[0] (id "splunk").ports[0].condition: is required when the port is conditional`,
    );
  });

  it('rejects an alias that already names another provider', () => {
    const message = errorFor(catalogYaml(splunkEntry(), { ...sumoEntry(), aliases: ['sumo', 'splunk'] }));
    expect(message).toBe(
      `${FILE}: providers[1] (id "sumo-logic").aliases: "splunk" already names provider "splunk"`,
    );
  });

  it("rejects an alias that is another provider's name", () => {
    const message = errorFor(catalogYaml(splunkEntry(), { ...sumoEntry(), aliases: ['Splunk'] }));
    expect(message).toContain(
      'providers[1] (id "sumo-logic").aliases: "Splunk" already names provider "splunk"',
    );
  });

  it('rejects an alias that names another provider as the search reads it: spacing, case, dashes ignored', () => {
    const message = errorFor(catalogYaml(splunkEntry(), { ...sumoEntry(), aliases: ['sumo', 'Spl-unk'] }));
    expect(message).toBe(
      `${FILE}: providers[1] (id "sumo-logic").aliases: "Spl-unk" already names provider "splunk"`,
    );
  });

  it('reports bad YAML with its line and column', () => {
    const text = `${catalogYaml(splunkEntry())}  - id: [unclosed\n`;
    const message = errorFor(text);
    expect(message).toMatch(/^catalogs\/bad\.yml: not valid YAML at line \d+, column \d+: \S/);
  });

  it('rejects an empty file', () => {
    expect(errorFor('')).toBe(
      `${FILE}: the file is empty; expected a catalog with "version" and "providers"`,
    );
    expect(errorFor('# only a comment\n')).toMatch(/the file is empty/);
  });

  it('names the field for any port outside 1-65535', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 })), (port) => {
        const message = errorFor(splunkCatalogWith((entry) => (firstPort(entry).port = port)));
        expect(message).toBe(
          `${FILE}: providers[0] (id "splunk").ports[0].port: must be between 1 and 65535`,
        );
      }),
    );
  });
});

describe('loadCatalog', () => {
  it('says when the file does not exist', () => {
    const missing = join(scratch, 'missing.yml');
    expect(() => loadCatalog(missing)).toThrow(new CatalogError(`${missing}: catalog file not found`));
  });

  it('names the file it read in the error', () => {
    const path = writeScratch(
      'no-name.yml',
      splunkCatalogWith((entry) => delete entry.name),
    );
    expect(() => loadCatalog(path)).toThrow(`${path}: providers[0] (id "splunk").name: `);
  });
});

function collector(): { write(text: string): boolean; text: string } {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

describe('runCatalogCheck', () => {
  it('summarises the shipped catalog', () => {
    const out = collector();
    const err = collector();
    expect(runCatalogCheck([], out, err)).toBe(0);
    expect(out.text).toMatch(
      /^ok: \S*data\/catalog\.yml: 29 providers, \d+ ports, \d+ references, 55 NextGen connectors, 12 Delegate topics, 22 platform topics, 63 grants\n$/,
    );
    expect(err.text).toBe('');
  });

  it('prints the one-line error and returns 1 for a bad catalog', () => {
    const path = writeScratch(
      'port-70000.yml',
      splunkCatalogWith((entry) => (firstPort(entry).port = 70000)),
    );
    const out = collector();
    const err = collector();
    expect(runCatalogCheck([path], out, err)).toBe(1);
    expect(out.text).toBe('');
    expect(err.text).toBe(`${path}: providers[0] (id "splunk").ports[0].port: must be between 1 and 65535\n`);
  });

  it('refuses more than one path', () => {
    const err = collector();
    expect(runCatalogCheck(['a.yml', 'b.yml'], collector(), err)).toBe(2);
    expect(err.text).toMatch(/^expected at most one catalog path, got 2; usage: npm run catalog:check/);
  });
});

describe('bin/catalog-check.js (built)', () => {
  function runBin(...args: string[]) {
    return spawnSync(process.execPath, ['bin/catalog-check.js', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
  }

  it('passes the shipped catalog with exit code 0', () => {
    const result = runBin();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^ok: data\/catalog\.yml: 29 providers, \d+ ports, \d+ references, 55 NextGen connectors, 12 Delegate topics, 22 platform topics, 63 grants\n$/,
    );
  });

  it('passes the shipped catalog given by path', () => {
    const result = runBin('data/catalog.yml');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ok: data\/catalog\.yml: 29 providers/);
  });

  it('fails a bad catalog with exit code 1, one stderr line and no stack trace', () => {
    const path = writeScratch(
      'conditional.yml',
      splunkCatalogWith((entry) => (firstPort(entry).conditional = true)),
    );
    const result = runBin(path);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${path}: providers[0] (id "splunk").ports[0].condition: is required when the port is conditional\n`,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('fails bad YAML and a missing file the same way', () => {
    for (const path of [writeScratch('bad.yml', 'providers: [\n'), join(scratch, 'nowhere.yml')]) {
      const result = runBin(path);
      expect(result.status, path).toBe(1);
      expect(result.stderr.trimEnd().split('\n'), path).toHaveLength(1);
      expect(result.stderr, path).toMatch(/^\S.*(not valid YAML at line \d+|catalog file not found)/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
  });
});

describe('catalog layers', () => {
  /** Writes a catalog naming one layer file, with the given layer content; returns the catalog's path. */
  function withLayer(
    layer: Record<string, unknown>,
    edit: (entry: Record<string, unknown>) => void = () => {},
  ): string {
    const dir = mkdtempSync(join(scratch, 'layers-'));
    const entry = splunkEntry();
    edit(entry);
    writeFileSync(join(dir, 'catalog.yml'), `${catalogYaml(entry)}layers: [extra.yml]\n`);
    writeFileSync(join(dir, 'extra.yml'), stringify({ layer: 'extra', ...layer }));
    return join(dir, 'catalog.yml');
  }
  it('loads grants from a layer, with the page of their sentence, and stops at an unknown provider, statement or value', () => {
    const sentence = 'User account with Read permissions on eventtypes objects.';
    const grant = { kind: 'token-scope', value: 'Read', statement: sentence };
    const [splunk] = loadCatalog(withLayer({ grants: { splunk: [grant] } }), null).providers;
    expect(splunk?.grants).toEqual([{ ...grant, source: splunk?.source }]);
    const fails = (grants: unknown) => () => loadCatalog(withLayer({ grants }), null);
    expect(fails({ jenkins: [grant] })).toThrow(
      /grants\.jenkins: no provider or connector has id "jenkins"$/,
    );
    expect(fails({ splunk: [{ ...grant, statement: 'Read.' }] })).toThrow(
      /grants\.splunk\[0\] \(value "Read"\)\.statement: is not one of the permission sentences or facts of "splunk"/,
    );
    expect(fails({ splunk: [{ ...grant, value: 'Write' }] })).toThrow(
      /grants\.splunk\[0\] \(value "Write"\)\.value: "Write" is not written in the statement$/,
    );
  });

  const source = {
    id: 'ng-vault',
    title: 'Add a HashiCorp Vault secret manager',
    url: 'https://github.com/harness/developer-hub/blob/main/docs/platform/secrets/secrets-management/add-hashicorp-vault.md',
    edition: 'nextgen-docs',
  };
  const vault = {
    id: 'hashicorp-vault',
    name: 'HashiCorp Vault',
    category: 'secret-manager',
    source: 'ng-vault',
    aliases: ['vault'],
    permissions: ['Make sure that the Harness Delegate can connect to the Vault URL.'],
    ports: [{ port: 8200, protocol: 'HTTPS', label: 'Vault API', conditional: false, inferred: true }],
  };

  it('loads a layer into the same catalog, its facts carrying their source', () => {
    const catalog = loadCatalog(withLayer({ sources: [source], connectors: [vault] }));
    expect(catalog.providers.map((p) => p.id)).toEqual(['splunk']);
    expect(catalog.providers[0]!.source).toMatchObject({ id: 'table', edition: 'firstgen-table' });
    expect(catalog.connectors[0]!.source).toEqual(source);
    expect(catalog.connectors[0]!.ports[0]!.inferred).toBe(true);
  });

  it('names the layer file and field of a problem inside it', () => {
    const path = withLayer({
      sources: [source],
      connectors: [{ ...vault, ports: [{ ...vault.ports[0], port: 0 }] }],
    });
    expect(() => loadCatalog(path)).toThrow(
      /extra\.yml: connectors\[0\] \(id "hashicorp-vault"\)\.ports\[0\]\.port: must be between 1 and 65535$/,
    );
  });

  it('rejects a fact citing a source no file declares', () => {
    expect(() => loadCatalog(withLayer({ connectors: [vault] }))).toThrow(
      /catalog\.yml: connectors\[0\] \(id "hashicorp-vault"\)\.source: unknown source "ng-vault"/,
    );
  });

  it('rejects a connector taking a name a table row already answers to', () => {
    expect(() =>
      loadCatalog(withLayer({ sources: [source], connectors: [{ ...vault, aliases: ['splunk'] }] })),
    ).toThrow(/"splunk" already names provider "splunk"/);
  });

  it('never lets a table row show an inferred port', () => {
    const path = withLayer({}, (entry) => {
      entry.ports = [{ port: 8089, protocol: 'TCP', label: 'Splunk REST API', inferred: true }];
    });
    expect(() => loadCatalog(path)).toThrow(/a table row shows only the ports the table states/);
  });

  it('checks that a revision quotes the row as the catalog holds it', () => {
    const revision = {
      provider: 'splunk',
      kind: 'wording',
      held: 'Some other text.',
      other: 'New text.',
      source: 'ng-vault',
    };
    expect(() => loadCatalog(withLayer({ sources: [source], revisions: [revision] }))).toThrow(
      /revisions\[0\]\.held: is not one of the permissions of "splunk"/,
    );
  });

  describe("a topic's yes or no (yesNo)", () => {
    /** data/delegate.yml as a layer, its inbound topic's yesNo replaced. */
    function withYesNo(yesNo: Record<string, unknown>): string {
      const delegate = parse(readFileSync('data/delegate.yml', 'utf8')) as {
        layer: string;
        delegate: { topics: Array<{ id: string; yesNo?: unknown }> };
      };
      const inbound = delegate.delegate.topics.find((topic) => topic.id === 'inbound')!;
      inbound.yesNo = yesNo;
      const { layer: _layer, ...rest } = delegate;
      return withLayer(rest);
    }
    const field = /extra\.yml: delegate\.topics\[\d+\]\.yesNo/;

    it('loads the shipped one: the inbound topic answers No for "inbound ports"', () => {
      const catalog = loadCatalog(withYesNo({ no: ['inbound ports'], fact: 0 }));
      const inbound = catalog.delegate!.topics.find((topic) => topic.id === 'inbound')!;
      expect(inbound.yesNo).toEqual({ no: ['inbound ports'], yes: [], fact: 0 });
    });

    it.each([
      [{ no: ['firewall'], fact: 0 }, /\.no\[0\]: "firewall" is not an alias of the topic/],
      [{ no: ['inbound'], fact: 7 }, /\.fact: must be the place of one of the topic's 3 facts/],
      [{ no: ['inbound'], yes: ['inbound'], fact: 0 }, /\.yes\[0\]: "inbound" cannot answer both yes and no/],
    ])('rejects %j, naming the field', (yesNo, problem) => {
      const path = withYesNo(yesNo);
      expect(() => loadCatalog(path)).toThrow(field);
      expect(() => loadCatalog(path)).toThrow(problem);
    });
  });

  it('names a missing layer file', () => {
    const dir = mkdtempSync(join(scratch, 'layers-'));
    writeFileSync(join(dir, 'catalog.yml'), `${catalogYaml(splunkEntry())}layers: [missing.yml]\n`);
    expect(() => loadCatalog(join(dir, 'catalog.yml'))).toThrow(
      /missing\.yml: catalog layer file not found$/,
    );
  });
});

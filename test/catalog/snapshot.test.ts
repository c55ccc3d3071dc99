import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogError, DEFAULT_CATALOG_PATH, loadCatalog, sha256 } from '../../src/catalog/load.js';
import { writeCatalogSnapshot } from '../../src/catalog/snapshot.js';

let dir: string;
let yamlPath: string;
let snapshotPath: string;
const yamlText = readFileSync(DEFAULT_CATALOG_PATH, 'utf8');
const LAYERS = [
  'nextgen.yml',
  'nextgen-more.yml',
  'delegate.yml',
  'platform.yml',
  'source-versions.yml',
  'grants.yml',
];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hp-snapshot-'));
  yamlPath = join(dir, 'catalog.yml');
  snapshotPath = join(dir, 'catalog.snapshot.json');
  writeFileSync(yamlPath, yamlText);
  for (const layer of LAYERS) {
    writeFileSync(join(dir, layer), readFileSync(join(dirname(DEFAULT_CATALOG_PATH), layer), 'utf8'));
  }
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the build snapshot of the catalog', () => {
  it('holds exactly what the YAML says', () => {
    writeCatalogSnapshot(yamlPath, snapshotPath);
    expect(loadCatalog(yamlPath, snapshotPath)).toEqual(loadCatalog(yamlPath, null));
  });

  it('is used while the YAML is unchanged', () => {
    writeCatalogSnapshot(yamlPath, snapshotPath);
    const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8'));
    snapshot.catalog.title = 'From the snapshot';
    writeFileSync(snapshotPath, JSON.stringify(snapshot));
    expect(loadCatalog(yamlPath, snapshotPath).title).toBe('From the snapshot');
  });

  it('is ignored once the YAML changed, so an edit is never hidden by an old build', () => {
    writeCatalogSnapshot(yamlPath, snapshotPath);
    writeFileSync(yamlPath, yamlText.replace('port: 8089', 'port: 8090'));
    const splunk = loadCatalog(yamlPath, snapshotPath).providers.find((p) => p.id === 'splunk')!;
    expect(splunk.ports.map((rule) => rule.port)).toEqual([8090]);
  });

  it('is ignored once a layer file changed', () => {
    writeCatalogSnapshot(yamlPath, snapshotPath);
    const layerPath = join(dir, 'nextgen.yml');
    writeFileSync(layerPath, readFileSync(layerPath, 'utf8').replace('port: 8200', 'port: 8201'));
    const vault = loadCatalog(yamlPath, snapshotPath).connectors.find((c) => c.id === 'hashicorp-vault')!;
    expect(vault.ports.map((rule) => rule.port)).toEqual([8201]);
  });

  it('is validated like any catalog', () => {
    writeFileSync(
      snapshotPath,
      JSON.stringify({ sourceSha256: sha256(yamlText), catalog: { version: 1, providers: [] } }),
    );
    expect(() => loadCatalog(yamlPath, snapshotPath)).toThrow(CatalogError);
  });

  it('is not written for a catalog that does not validate', () => {
    writeFileSync(yamlPath, yamlText.replace('port: 8089', 'port: 80890'));
    expect(() => writeCatalogSnapshot(yamlPath, snapshotPath)).toThrow(
      /ports\[0\]\.port: must be between 1 and 65535/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckTarget } from '../../src/engine/check-plan.js';
import { itemsToTick, tickVerified, verifiedPorts } from '../../src/engine/check-ticks.js';
import { checkReport, type ProbeResult } from '../../src/engine/check-verdict.js';
import { buildChecklist } from '../../src/engine/checklist.js';
import type { ChecklistState } from '../../src/engine/checklist-state.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();

function target(providerId: string, port: number, host = 'h.corp'): CheckTarget {
  return {
    id: `${providerId}-${port}-${host}`,
    providerId,
    providerName: providerById(providerId).name,
    host,
    port,
    protocol: 'TCP',
    steps: ['dns', 'tcp'],
    route: { kind: 'direct' },
    required: true,
    marks: [],
    destinationFrom: 'to',
    rulesCommand: `harness-ports rules ${providerId}`,
    manager: false,
  };
}
const passed = (t: CheckTarget): ProbeResult => ({
  target: t,
  outcomes: [{ step: 'tcp', ok: true, ms: 1, address: '10.0.0.1' }],
});
const refused = (t: CheckTarget): ProbeResult => ({
  target: t,
  outcomes: [{ step: 'tcp', ok: false, ms: 1, code: 'refused' }],
});

/** The state of a checklist as first posted: every item open. */
function openState(ids: string[]): ChecklistState {
  const checklist = buildChecklist(ids.map(providerById));
  return {
    entries: checklist.sections.flatMap((section) =>
      section.items.map((item) => ({ providerId: section.provider.id, itemKey: item.key })),
    ),
    revision: 0,
  };
}

describe('what a check ticks on a checklist', () => {
  it('verifies a port only when every probe of it passed, and none of its rules went unprobed', () => {
    const report = checkReport(
      {
        targets: [],
        notProbed: [
          {
            providerId: 'active-directory-ldap',
            providerName: 'Active Directory LDAP',
            port: 389,
            protocol: 'LDAP',
            reason: 'range',
            text: '',
          },
        ],
        proxyWarnings: [],
      },
      [
        passed(target('splunk', 8089, 'a.corp')),
        passed(target('splunk', 8089, 'b.corp')),
        passed(target('jenkins', 443, 'a.corp')),
        refused(target('jenkins', 443, 'b.corp')),
        passed(target('active-directory-ldap', 389)),
        passed(target('active-directory-ldap', 636)),
      ],
      3000,
      30_000,
    );
    expect([...verifiedPorts(report)].map(([id, ports]) => [id, [...ports]])).toEqual([
      ['splunk', [8089]],
      ['active-directory-ldap', [636]],
    ]);
  });

  it('ticks port items only, as "Done" presses, keeping a tick someone already made', () => {
    const state = openState(['splunk', 'active-directory-ldap']);
    const verified = new Map([
      ['splunk', new Set([8089])],
      ['active-directory-ldap', new Set([443, 636])],
    ]);
    expect(
      itemsToTick(state, verified, catalog).map((item) => `${item.providerId}:${item.itemKey}:${item.port}`),
    ).toEqual(['splunk:port-0:8089', 'active-directory-ldap:port-0:443', 'active-directory-ldap:port-2:636']);
    const someone = { userId: 'U0ALICE', at: 100 };
    const before = {
      ...state,
      entries: state.entries.map((entry) =>
        entry.providerId === 'splunk' && entry.itemKey === 'port-0' ? { ...entry, tick: someone } : entry,
      ),
      revision: 1,
    };
    const after = tickVerified(before, verified, catalog, { userId: 'U0BOT', at: 200 })!;
    expect(after.revision).toBe(3);
    expect(
      after.entries
        .filter((entry) => entry.tick)
        .map((entry) => [entry.providerId, entry.itemKey, entry.tick!.userId]),
    ).toEqual([
      ['splunk', 'port-0', 'U0ALICE'],
      ['active-directory-ldap', 'port-0', 'U0BOT'],
      ['active-directory-ldap', 'port-2', 'U0BOT'],
    ]);
    expect(tickVerified(after, verified, catalog, { userId: 'U0BOT', at: 300 })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { checklistItems } from '../../src/engine/checklist.js';
import { type ChecklistState, entriesFromState, pressItem } from '../../src/engine/checklist-state.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

const AT = 1732561234;

describe('pressing a checklist item', () => {
  it('does what the press asks for, keeping the first tick on a second "done"', () => {
    const open: ChecklistState = { entries: [{ providerId: 'splunk', itemKey: 'port-0' }] };
    const first = { userId: 'U0BOB', at: AT };
    const second = { userId: 'U0CAROL', at: AT + 1 };
    const done = pressItem(open, 'splunk', 'port-0', 'done', first);
    expect(done).toEqual({ entries: [{ providerId: 'splunk', itemKey: 'port-0', tick: first }] });
    expect(pressItem(done, 'splunk', 'port-0', 'done', second)).toEqual(done);
    expect(pressItem(done, 'splunk', 'port-0', 'undo', second)).toEqual(open);
    expect(pressItem(open, 'splunk', 'port-0', 'undo', second)).toEqual(open);
    expect(pressItem(done, 'splunk', 'port-0', 'toggle', second)).toEqual(open);
    expect(pressItem(open, 'splunk', 'port-0', 'toggle', second)).toEqual({
      entries: [{ providerId: 'splunk', itemKey: 'port-0', tick: second }],
    });
    expect(pressItem(open, 'nexus', 'port-0', 'done', second)).toEqual(open);
  });
});

describe('a checklist state back to items', () => {
  it("takes each item's current text from the catalog and drops items the catalog no longer has", () => {
    const catalog = realCatalog();
    const splunk = providerById('splunk');
    const tick = { userId: 'U0BOB', at: AT };
    const entries = entriesFromState(
      {
        entries: [
          { providerId: 'splunk', itemKey: 'port-0', tick },
          { providerId: 'retired', itemKey: 'port-0' },
          { providerId: 'splunk', itemKey: 'permission-99' },
          { providerId: 'splunk', itemKey: 'permission-0' },
        ],
      },
      catalog,
    );
    const items = checklistItems(splunk);
    expect(entries).toEqual([
      { provider: splunk, item: items.find((i) => i.key === 'port-0'), tick },
      { provider: splunk, item: items.find((i) => i.key === 'permission-0') },
    ]);
  });
});

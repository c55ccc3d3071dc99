import { describe, expect, it } from 'vitest';
import { checklistItems } from '../../src/engine/checklist.js';
import {
  type ChecklistState,
  entriesFromState,
  laterState,
  pressItem,
} from '../../src/engine/checklist-state.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

const AT = 1732561234;

describe('pressing a checklist item', () => {
  it('does what the press asks for, keeping the first tick on a second "done"', () => {
    const open: ChecklistState = { entries: [{ providerId: 'splunk', itemKey: 'port-0' }] };
    const first = { userId: 'U0BOB', at: AT };
    const second = { userId: 'U0CAROL', at: AT + 1 };
    const entries = (state: ChecklistState) => state.entries;
    const done = pressItem(open, 'splunk', 'port-0', 'done', first);
    expect(entries(done)).toEqual([{ providerId: 'splunk', itemKey: 'port-0', tick: first }]);
    expect(entries(pressItem(done, 'splunk', 'port-0', 'done', second))).toEqual(entries(done));
    expect(entries(pressItem(done, 'splunk', 'port-0', 'undo', second))).toEqual(entries(open));
    expect(entries(pressItem(open, 'splunk', 'port-0', 'undo', second))).toEqual(entries(open));
    expect(entries(pressItem(done, 'splunk', 'port-0', 'toggle', second))).toEqual(entries(open));
    expect(entries(pressItem(open, 'splunk', 'port-0', 'toggle', second))).toEqual([
      { providerId: 'splunk', itemKey: 'port-0', tick: second },
    ]);
    expect(entries(pressItem(open, 'nexus', 'port-0', 'done', second))).toEqual(entries(open));
  });

  it('counts every press in the revision, starting from 0 for a message as first posted', () => {
    const open: ChecklistState = { entries: [{ providerId: 'splunk', itemKey: 'port-0' }] };
    const tick = { userId: 'U0BOB', at: AT };
    const once = pressItem(open, 'splunk', 'port-0', 'done', tick);
    expect(once.revision).toBe(1);
    expect(
      pressItem(pressItem(once, 'splunk', 'port-0', 'undo', tick), 'nexus', 'port-0', 'done', tick).revision,
    ).toBe(3);
  });
});

describe('the later of two copies of a message state', () => {
  const tick = { userId: 'U0BOB', at: AT };
  const posted: ChecklistState = {
    entries: [
      { providerId: 'splunk', itemKey: 'port-0' },
      { providerId: 'nexus', itemKey: 'port-0' },
    ],
  };
  const bobTicked = pressItem(posted, 'splunk', 'port-0', 'done', tick);

  it('takes the kept copy when a click carries an older one (two clicks crossing)', () => {
    expect(laterState(posted, bobTicked)).toBe(bobTicked);
  });

  it("takes the click's copy when nothing is kept, when it is newer, or on a tie", () => {
    const carolToo = pressItem(bobTicked, 'nexus', 'port-0', 'done', { userId: 'U0CAROL', at: AT });
    expect(laterState(posted, undefined)).toBe(posted);
    expect(laterState(carolToo, bobTicked)).toBe(carolToo);
    const otherAtSameRevision = pressItem(posted, 'nexus', 'port-0', 'done', tick);
    expect(laterState(otherAtSameRevision, bobTicked)).toBe(otherAtSameRevision);
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

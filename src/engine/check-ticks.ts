import type { Catalog } from '../catalog/schema.js';
import type { CheckReport } from './check-verdict.js';
import { type ChecklistState, entriesFromState, pressItem, type Tick } from './checklist-state.js';

/**
 * What a check may tick on a posted checklist: a provider's port item, when the check probed that
 * port and every probe of it passed (a warning counts: the path answered). Permission items are
 * never ticked (a check proves a path, not a grant). Pure; the ticks go through pressItem, as a
 * person's "Done" does, so an item someone ticked keeps their tick.
 */

/** By provider id, the ports every probe of which passed (and that were probed at all). */
export function verifiedPorts(report: CheckReport): Map<string, Set<number>> {
  const byPort = new Map<string, boolean>();
  for (const { target, verdict } of report.results) {
    const key = `${target.providerId}|${target.port}`;
    const passed = verdict.status === 'passed' || verdict.status === 'warning';
    byPort.set(key, (byPort.get(key) ?? true) && passed);
  }
  // A port with a rule the check could not probe (no destination for one of several) is not verified.
  for (const entry of report.notProbed) {
    if (entry.port !== null) byPort.set(`${entry.providerId}|${entry.port}`, false);
  }
  const verified = new Map<string, Set<number>>();
  for (const [key, passed] of byPort) {
    if (!passed) continue;
    const [providerId, port] = key.split('|') as [string, string];
    const ports = verified.get(providerId) ?? new Set<number>();
    ports.add(Number(port));
    verified.set(providerId, ports);
  }
  return verified;
}

/** The items of a checklist state a check ticks, as `providerId:itemKey`, in checklist order. */
export function itemsToTick(
  state: ChecklistState,
  verified: ReadonlyMap<string, ReadonlySet<number>>,
  catalog: Catalog,
): Array<{ providerId: string; itemKey: string; port: number }> {
  return entriesFromState(state, catalog).flatMap((entry) => {
    const port = entry.item.kind === 'port' ? entry.item.rule?.port : undefined;
    if (entry.tick || port === undefined || !verified.get(entry.provider.id)?.has(port)) return [];
    return [{ providerId: entry.provider.id, itemKey: entry.item.key, port }];
  });
}

/** Ticks what the check verified, each item as a "Done" press by `tick`; undefined when nothing changes. */
export function tickVerified(
  state: ChecklistState,
  verified: ReadonlyMap<string, ReadonlySet<number>>,
  catalog: Catalog,
  tick: Tick,
): ChecklistState | undefined {
  const items = itemsToTick(state, verified, catalog);
  if (items.length === 0) return undefined;
  return items.reduce(
    (current, item) => pressItem(current, item.providerId, item.itemKey, 'done', tick),
    state,
  );
}

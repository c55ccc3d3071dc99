import { INFERRED_PORT_LABEL, type PortRule, type Provider } from '../catalog/schema.js';
import { permissionTask } from './permissions.js';

export type ChecklistItemKind = 'port' | 'permission';

/**
 * The most providers one checklist takes (the whole real catalog fits). A checklist is posted as
 * several Slack messages, so a request for hundreds of providers is asked to be narrowed instead.
 */
export const MAX_CHECKLIST_PROVIDERS = 30;

/** True when an answer is a checklist that can be posted: at least one provider, and not too many. */
export function isPostableChecklist(result: { intent: string; matches: readonly unknown[] }): boolean {
  return (
    result.intent === 'checklist' &&
    result.matches.length > 0 &&
    result.matches.length <= MAX_CHECKLIST_PROVIDERS
  );
}

export interface ChecklistItem {
  /** Stable within a provider: "port-0", "permission-1" (the rule's position in the catalog). */
  key: string;
  kind: ChecklistItemKind;
  /** What to do, in plain words. */
  text: string;
  /** Set for port items. */
  rule?: PortRule;
}

export interface ChecklistSection {
  provider: Provider;
  items: ChecklistItem[];
}

export interface PortToOpen {
  port: number;
  protocols: string[];
  /** The providers that need it, in checklist order. */
  providers: Provider[];
  /** True when every provider that lists the port makes it conditional. */
  conditional: boolean;
  /** True when no provider's source states the port: it is only the products' usual port. */
  inferred: boolean;
}

export interface Checklist {
  sections: ChecklistSection[];
  /** Distinct ports to open across all providers, in ascending order. */
  ports: PortToOpen[];
  /** Providers with no fixed port, and what the source says instead. */
  unfixedPorts: Provider[];
}

/** The to-do items for one provider: one per port rule, then one per permission. */
export function checklistItems(provider: Provider): ChecklistItem[] {
  const destinations = provider.organisation?.destinations ?? [];
  // Your organisation's overlay says where the provider runs: the task names it, labelled as yours.
  const shown =
    destinations.slice(0, 3).join(', ') +
    (destinations.length > 3 ? ` and ${destinations.length - 3} more` : '');
  const where = destinations.length ? ` at ${shown} (your organisation)` : '';
  const items: ChecklistItem[] = provider.ports.map((rule, i) => ({
    key: `port-${i}`,
    kind: 'port',
    rule,
    text:
      `Allow the Delegate to reach ${provider.name}${where} on ${rule.protocol} ${rule.port}` +
      (rule.conditional ? ` (if needed: ${rule.condition ?? 'conditional'})` : '') +
      (rule.inferred ? ` (${INFERRED_PORT_LABEL}: check the address you configure)` : ''),
  }));
  if (provider.ports.length === 0 && provider.portNote) {
    items.push({
      key: 'port-note',
      kind: 'port',
      text: `Open the port ${provider.name} needs: ${provider.portNote}`,
    });
  }
  provider.permissions.forEach((permission, i) => {
    if (/^none\.?$/i.test(permission.trim())) return;
    items.push({ key: `permission-${i}`, kind: 'permission', text: permissionTask(permission) });
  });
  return items;
}

/** One checklist for several providers: items per provider, and the distinct ports to open. */
export function buildChecklist(providers: readonly Provider[]): Checklist {
  const ports = new Map<number, PortToOpen>();
  for (const provider of providers) {
    for (const rule of provider.ports) {
      const entry = ports.get(rule.port) ?? {
        port: rule.port,
        protocols: [],
        providers: [],
        conditional: true,
        inferred: true,
      };
      if (!entry.protocols.includes(rule.protocol)) entry.protocols.push(rule.protocol);
      if (!entry.providers.includes(provider)) entry.providers.push(provider);
      entry.conditional &&= rule.conditional;
      entry.inferred &&= rule.inferred === true;
      ports.set(rule.port, entry);
    }
  }
  return {
    sections: providers.map((provider) => ({ provider, items: checklistItems(provider) })),
    ports: [...ports.values()].sort((a, b) => a.port - b.port),
    unfixedPorts: providers.filter((p) => p.ports.length === 0),
  };
}

import { HARNESS_RULE_PROVIDER, parseDestination, type RuleDestination } from '../catalog/destination.js';
import type { Cluster, DelegateNetwork, Provider, Source } from '../catalog/schema.js';

export { HARNESS_RULE_PROVIDER, parseDestination, type RuleDestination };

/**
 * Firewall rules from the catalog's facts: one rule per port and destination, for the renderers under
 * src/render/rules/. Pure: no I/O. A rule that must not be opened blindly (conditional, inferred, no
 * port number, unknown transport) says why, and every renderer writes it commented out or flagged.
 */

export type Transport = 'TCP' | 'UDP';

/** The formats rules are written in (src/render/rules/ writes each one). */
export const RULE_FORMAT_IDS = ['k8s', 'aws-sg', 'aws-cli', 'azure-nsg', 'gcp', 'iptables', 'csv'] as const;
export type RuleFormat = (typeof RULE_FORMAT_IDS)[number];

export function isRuleFormat(value: string): value is RuleFormat {
  return (RULE_FORMAT_IDS as readonly string[]).includes(value);
}

/**
 * Application protocols the catalog names, and the transport they run over. LDAP and LDAPS are TCP
 * (RFC 4511 and 4513), as are HTTP(S), SSH, SMTP and WebSocket (WSS).
 */
const TRANSPORTS: ReadonlyMap<string, Transport> = new Map([
  ['TCP', 'TCP'],
  ['UDP', 'UDP'],
  ['HTTP', 'TCP'],
  ['HTTPS', 'TCP'],
  ['WSS', 'TCP'],
  ['LDAP', 'TCP'],
  ['LDAPS', 'TCP'],
  ['SSH', 'TCP'],
  ['SMTP', 'TCP'],
  ['SMTPS', 'TCP'],
  ['GRPC', 'TCP'],
]);

/** The transport a catalog protocol runs over, or undefined when the catalog's word is not one we know. */
export function transportOf(protocol: string): Transport | undefined {
  return TRANSPORTS.get(protocol.trim().toUpperCase());
}

/** A page a rule's facts come from, as rules show it. */
export interface RuleSource {
  title: string;
  url?: string | undefined;
}

/** The port facts a rule is made from: a catalog port, from the source or (flagged) inferred. */
export interface RulePortFact {
  port: number;
  protocol: string;
  label: string;
  conditional: boolean;
  condition?: string | undefined;
  inferred?: boolean | undefined;
}

export interface FirewallRule {
  providerId: string;
  providerName: string;
  /** A safe identifier for the rule: lower-case letters, digits and "-", starting with a letter (`splunk-8089`). */
  name: string;
  /** The catalog's protocol word (LDAPS, HTTPS…). */
  protocol: string;
  /** What the rule opens: TCP or UDP; undefined when the catalog's protocol is not one we can map. */
  transport: Transport | undefined;
  /** The port, or null when the source gives no number (see `note`). */
  port: number | null;
  direction: 'egress';
  destination: RuleDestination;
  /** What the port is for (the catalog's label), or the source's words when there is no number. */
  note: string;
  conditional: boolean;
  /** Why the port is conditional, in the source's words. */
  condition?: string;
  /** True when the source does not state the port (the product's usual port). */
  inferred: boolean;
  inferredReason?: string;
  /** The pages the rule's facts come from, when the rule shows them itself (the Delegate's own egress). */
  sources?: RuleSource[];
}

/** Why a rule is written commented out or flagged, or undefined when it can be opened as written. */
export function holdReason(rule: FirewallRule): string | undefined {
  if (rule.port === null) return `no port number in the source: ${rule.note}`;
  if (rule.transport === undefined) return `protocol "${rule.protocol}" has no known transport: check it`;
  const reasons: string[] = [];
  if (rule.inferred) reasons.push(`inferred: ${rule.inferredReason ?? 'not stated by the source'}`);
  if (rule.conditional) reasons.push(`conditional: ${rule.condition ?? 'the source makes it conditional'}`);
  return reasons.length ? reasons.join('; ') : undefined;
}

/** Why an inferred port is shown at all, in every format. */
export const INFERRED_REASON = "the product's usual port, not stated by Harness";

/** Upper-case words joined by "_" from any text: "splunk.example.com" -> "SPLUNK_EXAMPLE_COM". */
function placeholderWord(text: string): string {
  return (
    text
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'DESTINATION'
  );
}

/** The placeholder for a provider whose destination your organisation has not given. */
export function providerPlaceholder(providerId: string): RuleDestination {
  return { kind: 'placeholder', value: `REPLACE_WITH_${placeholderWord(providerId)}_CIDR` };
}

/**
 * The destination as a CIDR, for formats that take only addresses (NetworkPolicy, security groups,
 * NSGs, GCP firewall rules): a host name becomes a placeholder naming it.
 */
export function cidrOrPlaceholder(destination: RuleDestination): string {
  if (destination.kind === 'host') return `REPLACE_WITH_CIDR_OF_${placeholderWord(destination.value)}`;
  return destination.value;
}

const MAX_NAME = 63;

/** A safe identifier: lower-case letters, digits and "-", starting with a letter, at most 63 characters. */
export function safeIdentifier(text: string): string {
  let name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(name)) name = `p-${name}`;
  return name.slice(0, MAX_NAME).replace(/-+$/, '');
}

/** Gives each rule a unique name: a second rule that would be `splunk-8089` becomes `splunk-8089-2`. */
function uniqueNames(rules: FirewallRule[]): FirewallRule[] {
  const used = new Set<string>();
  return rules.map((rule) => {
    let name = rule.name;
    for (let n = 2; used.has(name); n++) {
      const suffix = `-${n}`;
      name = `${rule.name.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    used.add(name);
    return { ...rule, name };
  });
}

/** The provider facts rules need: its id and name, its ports, and where your organisation runs it. */
export interface RuleProvider {
  id: string;
  name: string;
  ports: readonly RulePortFact[];
  portNote?: string | undefined;
  /** Host names or CIDRs the Delegate reaches for this provider (your organisation's overlay). */
  destinations?: readonly string[] | undefined;
  /** The page the provider's ports come from, shown with each rule. */
  source?: RuleSource | undefined;
}

/** The facts of a catalog provider as rules see them. */
export function ruleProvider(provider: Provider): RuleProvider {
  return {
    id: provider.id,
    name: provider.name,
    ports: provider.ports,
    portNote: provider.portNote,
    destinations: provider.organisation?.destinations,
    source: ruleSource(provider.source),
  };
}

function destinationsOf(provider: RuleProvider): RuleDestination[] {
  const given = (provider.destinations ?? []).flatMap((text) => {
    const destination = parseDestination(text);
    return destination ? [destination] : [];
  });
  return given.length ? given : [providerPlaceholder(provider.id)];
}

/**
 * The egress rules for providers, in order: per provider, per port (catalog order), per destination.
 * A provider with no port number gets one rule with `port: null` carrying the source's words.
 */
export function buildRules(
  providers: readonly RuleProvider[],
  /** Rules to put first (the Delegate's own egress, see delegateRules); names stay unique across both. */
  leading: readonly FirewallRule[] = [],
): FirewallRule[] {
  const rules: FirewallRule[] = [...leading];
  for (const provider of providers) {
    const destinations = destinationsOf(provider);
    const base = {
      providerId: provider.id,
      providerName: provider.name,
      direction: 'egress' as const,
      ...(provider.source ? { sources: [provider.source] } : {}),
    };
    if (provider.ports.length === 0) {
      rules.push({
        ...base,
        name: safeIdentifier(provider.id),
        protocol: '',
        transport: undefined,
        port: null,
        destination: destinations[0]!,
        note: provider.portNote ?? 'the source gives no port',
        conditional: false,
        inferred: false,
      });
      continue;
    }
    for (const fact of provider.ports) {
      for (const destination of destinations) {
        rules.push({
          ...base,
          name: safeIdentifier(`${provider.id}-${fact.port}`),
          protocol: fact.protocol,
          transport: transportOf(fact.protocol),
          port: fact.port,
          destination,
          note: fact.label,
          conditional: fact.conditional,
          ...(fact.conditional && fact.condition ? { condition: fact.condition } : {}),
          inferred: fact.inferred === true,
          ...(fact.inferred ? { inferredReason: INFERRED_REASON } : {}),
        });
      }
    }
  }
  return uniqueNames(rules);
}

function ruleSource(source: Source): RuleSource {
  return source.url ? { title: source.title, url: source.url } : { title: source.title };
}

/**
 * The Delegate's own egress: HTTPS 443 to the host of its account's Harness cluster (Prod1's, the
 * source's "most commonly app.harness.io", when none is chosen; the note then says how to find yours),
 * then the catalog's other endpoints (logging.googleapis.com…), each held with why it is optional and
 * the variable that turns it off. Every rule carries the pages its facts come from.
 */
export function delegateRules(network: DelegateNetwork, chosen?: Cluster): FirewallRule[] {
  const cluster = chosen ?? network.clusters[0]!;
  const sharing = network.clusters.filter((c) => c.host === cluster.host).map((c) => c.cluster);
  const { port } = network.harness;
  const harness: FirewallRule = {
    providerId: HARNESS_RULE_PROVIDER,
    providerName: `Harness Manager (${chosen ? cluster.cluster : sharing.join(', ')})`,
    name: safeIdentifier(`harness-${port.port}`),
    protocol: port.protocol,
    transport: transportOf(port.protocol),
    port: port.port,
    direction: 'egress',
    destination: { kind: 'host', value: cluster.host, fromCatalog: true },
    note: chosen
      ? port.label
      : `${port.label}; another cluster has another host: ${network.findCluster.text}`,
    conditional: false,
    inferred: port.inferred === true,
    ...(port.inferred ? { inferredReason: INFERRED_REASON } : {}),
    sources: uniqueSources([
      network.harness.source,
      cluster.source,
      ...(chosen ? [] : [network.findCluster.source]),
    ]),
  };
  const endpoints = network.endpoints.flatMap((endpoint) =>
    endpoint.ports.map((fact): FirewallRule => {
      const off = endpoint.disable
        ? ` (turn it off with ${endpoint.disable.variable}=${endpoint.disable.value})`
        : '';
      return {
        providerId: safeIdentifier(endpoint.host),
        providerName: endpoint.host,
        name: safeIdentifier(`${endpoint.host}-${fact.port}`),
        protocol: fact.protocol,
        transport: transportOf(fact.protocol),
        port: fact.port,
        direction: 'egress',
        destination: { kind: 'host', value: endpoint.host, fromCatalog: true },
        note: endpoint.purpose.replace(/\.$/, ''),
        conditional: !endpoint.required || fact.conditional,
        ...(!endpoint.required || fact.conditional
          ? { condition: `${fact.condition ?? 'optional'}${off}` }
          : {}),
        inferred: fact.inferred === true,
        ...(fact.inferred ? { inferredReason: INFERRED_REASON } : {}),
        sources: [ruleSource(endpoint.source)],
      };
    }),
  );
  return [harness, ...endpoints];
}

function uniqueSources(sources: readonly Source[]): RuleSource[] {
  const seen = new Set<string>();
  return sources.flatMap((source) => {
    if (seen.has(source.id)) return [];
    seen.add(source.id);
    return [ruleSource(source)];
  });
}

import type { Catalog } from '../catalog/schema.js';
import { type FirewallRule, HARNESS_RULE_PROVIDER, holdReason, parseDestination } from './rules.js';
import type { RulesSelection } from './rules-request.js';
import { rulesFor } from './rules-request.js';

/**
 * The `check` plan: from the rules the `rules` command writes (rulesFor, with the Delegate's own
 * egress from delegateRules), what to probe from the Delegate's network, in which order, through
 * which proxy, and what counts as success. Pure: src/check/ performs the plan; the verdicts and
 * their next steps are worded in check-verdict.ts.
 */

/** The steps of one probe, in the order they run; a probe stops at its first failed step. */
export type ProbeStep = 'dns' | 'tcp' | 'proxy' | 'tls' | 'http' | 'wss';

/** The proxy the Delegate would use, read from its environment (readProxySettings). */
export interface ProxySettings {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  user?: string;
  password?: string;
  /** NO_PROXY entries the Delegate honours: host names and suffixes. */
  noProxy: string[];
  /** Which variables set it: the Delegate's own (PROXY_HOST…) or the usual HTTPS_PROXY. */
  from: 'PROXY_HOST' | 'HTTPS_PROXY';
  /** PROXY_MANAGER=false: the Delegate reaches Harness Manager directly. */
  bypassManager: boolean;
}

/** How a probe reaches its destination. */
export type Route = { kind: 'direct'; reason?: string } | { kind: 'proxy'; proxy: ProxySettings };

export interface CheckTarget {
  /** The rule's name (`splunk-8089`): unique within a plan. */
  id: string;
  providerId: string;
  providerName: string;
  /** A host name or an IP address. */
  host: string;
  port: number;
  /** The catalog's protocol word (HTTPS, TCP, LDAPS…). */
  protocol: string;
  steps: ProbeStep[];
  route: Route;
  /** False: a failure is reported but does not fail the check (conditional, inferred, optional). */
  required: boolean;
  /** Why the probe is optional, in the source's words. */
  optional?: string;
  /** How the catalog marks the port: conditional, inferred (probed only with --all, or the Delegate's optional endpoints). */
  marks: Array<'conditional' | 'inferred'>;
  /** Where the destination came from. */
  destinationFrom: 'catalog' | 'overlay' | 'to';
  /** The command that writes this probe's firewall rule. */
  rulesCommand: string;
  /** The Delegate's own connection to Harness Manager (its WebSocket, POLL_FOR_TASKS). */
  manager: boolean;
}

export type NotProbedReason = 'needs-destination' | 'range' | 'udp' | 'no-port' | 'unknown-protocol' | 'held';

/** A rule the check does not probe, and what to do to have it probed (or why it cannot be). */
export interface NotProbed {
  providerId: string;
  providerName: string;
  port: number | null;
  protocol: string;
  reason: NotProbedReason;
  /** What it means and what to do, in plain words. */
  text: string;
}

export interface CheckPlan {
  targets: CheckTarget[];
  notProbed: NotProbed[];
  proxy?: ProxySettings;
  /** Things in the proxy settings the Delegate ignores (a CIDR in NO_PROXY…). */
  proxyWarnings: string[];
}

/** A destination given on the command line: `--to splunk=splunk.corp:8089`. */
export interface GivenDestination {
  providerId: string;
  host: string;
  port?: number;
}

export interface CheckPlanOptions {
  /** Probe conditional and inferred ports as well (marked, and optional). */
  all?: boolean;
  to?: readonly GivenDestination[];
  proxy?: ProxySettings | undefined;
  proxyWarnings?: readonly string[];
}

const TLS_PROTOCOLS = new Set(['HTTPS', 'WSS', 'LDAPS', 'SMTPS']);
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTPS']);
/** What the Delegate sends through PROXY_*: its HTTP clients; other protocols (SSH, LDAP, TCP) go direct. */
const PROXIED_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'WSS']);

const isAddress = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** Reads `--to id=host[:port]` (an IPv6 address in brackets: `id=[fd00::5]:8089`); a message when malformed. */
export function parseGivenDestination(text: string): GivenDestination | string {
  const match = /^([a-z0-9-]+)=(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d+))?$/i.exec(text.trim());
  const host = (match?.[2] ?? match?.[3] ?? '').toLowerCase();
  const destination = host ? parseDestination(host) : undefined;
  if (!match || !destination || (destination.kind === 'cidr' && host.includes('/'))) {
    return `--to ${text}: give a provider id, a host (or an address) and optionally a port, e.g. --to splunk=splunk.corp.example.com:8089`;
  }
  const port = match[4] === undefined ? undefined : Number(match[4]);
  if (port !== undefined && (port < 1 || port > 65535))
    return `--to ${text}: the port must be between 1 and 65535`;
  return { providerId: match[1]!.toLowerCase(), host, ...(port ? { port } : {}) };
}

/**
 * True when NO_PROXY lets the Delegate reach `host` directly: an entry equal to the host, or a
 * suffix of it (`.corp.example.com` or `corp.example.com`), or `*`. Harness documents host names
 * only: CIDR entries are not honoured (readProxySettings warns about them).
 */
export function bypassesProxy(host: string, noProxy: readonly string[]): string | undefined {
  const name = host.toLowerCase();
  return noProxy.find((entry) => {
    const suffix = entry.replace(/^\*?\./, '');
    return entry === '*' || name === suffix || name.endsWith(`.${suffix}`);
  });
}

/** The proxy a probe takes: only HTTP(S) and WSS go through it, unless NO_PROXY (or PROXY_MANAGER) says not. */
export function routeFor(
  host: string,
  protocol: string,
  manager: boolean,
  proxy: ProxySettings | undefined,
): Route {
  if (!proxy) return { kind: 'direct' };
  if (!PROXIED_PROTOCOLS.has(protocol.toUpperCase())) {
    return { kind: 'direct', reason: `${protocol} does not go through the proxy` };
  }
  if (manager && proxy.bypassManager) return { kind: 'direct', reason: 'PROXY_MANAGER=false' };
  const entry = bypassesProxy(host, proxy.noProxy);
  if (entry) return { kind: 'direct', reason: `NO_PROXY ${entry}` };
  return { kind: 'proxy', proxy };
}

/** The steps of a probe: DNS (for a name), TCP, TLS on TLS ports, one request on HTTP ports, WSS to Harness. */
export function stepsFor(host: string, protocol: string, manager: boolean, route: Route): ProbeStep[] {
  const word = protocol.toUpperCase();
  const tls = TLS_PROTOCOLS.has(word);
  // Through a proxy the proxy resolves and connects: one CONNECT replaces DNS and TCP.
  const steps: ProbeStep[] =
    route.kind === 'proxy' ? ['proxy'] : [...(isAddress(host) ? [] : ['dns' as const]), 'tcp'];
  if (tls) steps.push('tls');
  if (HTTP_PROTOCOLS.has(word) || manager) steps.push('http');
  if (manager) steps.push('wss');
  return steps;
}

function rulesCommandOf(rule: FirewallRule): string {
  return rule.destination.kind === 'host' && rule.destination.fromCatalog
    ? 'harness-ports rules delegate'
    : `harness-ports rules ${rule.providerId}`;
}

/** A catalog destination as a host to probe, or why it cannot be probed. */
function hostOf(rule: FirewallRule): { host: string } | { reason: NotProbedReason; text: string } {
  const { destination } = rule;
  if (destination.kind === 'host') return { host: destination.value };
  if (destination.kind === 'cidr') {
    const [address, bits] = destination.value.split('/');
    if (bits === String(destination.family === 4 ? 32 : 128)) return { host: address! };
    return {
      reason: 'range',
      text: `${destination.value} is a range: give one address in it to probe, e.g. --to ${rule.providerId}=ADDRESS:${rule.port}`,
    };
  }
  return {
    reason: 'needs-destination',
    text: `no destination: give one with --to ${rule.providerId}=HOST:${rule.port}, or in the overlay (providers.${rule.providerId}.destinations)`,
  };
}

/** Why a rule is never probed (no number, UDP, an unknown protocol), or undefined. */
function unprobeable(rule: FirewallRule): { reason: NotProbedReason; text: string } | undefined {
  if (rule.port === null) return { reason: 'no-port', text: `no port number in the source: ${rule.note}` };
  if (rule.transport === undefined) {
    return {
      reason: 'unknown-protocol',
      text: `protocol "${rule.protocol}" has no known transport: not probed`,
    };
  }
  if (rule.transport === 'UDP') {
    return {
      reason: 'udp',
      text: 'UDP: there is no connection to try, and silence cannot tell a dropped packet from a quiet service',
    };
  }
  return undefined;
}

/**
 * Checks `--to` against the selection: every id must be a provider checked (or `harness`, the
 * Delegate's Harness Manager, when its path is checked), and a port one of its ports. Returns the
 * problems, worded for the command line.
 */
export function givenDestinationProblems(
  given: readonly GivenDestination[],
  selection: RulesSelection,
): string[] {
  return given.flatMap((to) => {
    // `harness=HOST`: the Delegate's Harness Manager elsewhere (a self-managed platform, a vanity host).
    if (to.providerId === HARNESS_RULE_PROVIDER && selection.delegate) return [];
    const provider = selection.providers.find((p) => p.id === to.providerId);
    if (!provider) {
      const ids = selection.providers.map((p) => p.id).join(', ') || 'none';
      return [`--to ${to.providerId}=…: ${to.providerId} is not among the providers checked (${ids})`];
    }
    if (to.port !== undefined && !provider.ports.some((rule) => rule.port === to.port)) {
      const ports = provider.ports.map((rule) => rule.port).join(', ') || 'none';
      return [
        `--to ${to.providerId}=${to.host}:${to.port}: ${provider.name} has no port ${to.port} in the catalog (its ports: ${ports}); give ${to.providerId}=${to.host} to probe its ports there`,
      ];
    }
    return [];
  });
}

/**
 * The plan for a selection: every rule rulesFor writes, in its order, as a probe or as a line saying
 * why it is not probed. A destination given with `--to` replaces the overlay's for that provider
 * (for its port, or for all its ports). Conditional and inferred ports are held unless `all`; the
 * Delegate's optional endpoints (the Google ones) are always probed, as optional.
 */
export function checkPlan(
  selection: RulesSelection,
  catalog: Catalog,
  options: CheckPlanOptions = {},
): CheckPlan {
  const rules = rulesFor(selection, catalog);
  const given = options.to ?? [];
  const targets: CheckTarget[] = [];
  const notProbed: NotProbed[] = [];
  const replaced = new Set<string>();
  const usedIds = new Set<string>();
  const uniqueId = (name: string) => {
    let id = name;
    for (let n = 2; usedIds.has(id); n++) id = `${name}-${n}`;
    usedIds.add(id);
    return id;
  };
  const skip = (rule: FirewallRule, reason: NotProbedReason, text: string) =>
    notProbed.push({
      providerId: rule.providerId,
      providerName: rule.providerName,
      port: rule.port,
      protocol: rule.protocol,
      reason,
      text,
    });

  for (const rule of rules) {
    const unusable = unprobeable(rule);
    if (unusable) {
      skip(rule, unusable.reason, unusable.text);
      continue;
    }
    const port = rule.port!;
    const fromDelegate = rule.destination.kind === 'host' && rule.destination.fromCatalog === true;
    const held = holdReason(rule);
    if (held && !fromDelegate && !options.all) {
      skip(rule, 'held', `${held}; add --all to probe it`);
      continue;
    }
    const mine = given.filter((to) => to.providerId === rule.providerId && (to.port ?? port) === port);
    let hosts: Array<{ host: string; from: CheckTarget['destinationFrom'] }>;
    if (mine.length) {
      // One probe per given host, however many overlay destinations the rule had.
      const key = `${rule.providerId}|${port}|${rule.protocol}`;
      if (replaced.has(key)) continue;
      replaced.add(key);
      hosts = mine.map((to) => ({ host: to.host, from: 'to' }));
    } else {
      const found = hostOf(rule);
      if ('reason' in found) {
        skip(rule, found.reason, found.text);
        continue;
      }
      hosts = [{ host: found.host, from: fromDelegate ? 'catalog' : 'overlay' }];
    }
    const manager = rule.providerId === HARNESS_RULE_PROVIDER && fromDelegate;
    for (const { host, from } of hosts) {
      const route = routeFor(host, rule.protocol, manager, options.proxy);
      targets.push({
        id: uniqueId(rule.name),
        providerId: rule.providerId,
        providerName: rule.providerName,
        host,
        port,
        protocol: rule.protocol,
        steps: stepsFor(host, rule.protocol, manager, route),
        route,
        required: held === undefined,
        ...(held ? { optional: held } : {}),
        marks: [
          ...(rule.conditional ? ['conditional' as const] : []),
          ...(rule.inferred ? ['inferred' as const] : []),
        ],
        destinationFrom: from,
        rulesCommand: rulesCommandOf(rule),
        manager,
      });
    }
  }
  return {
    targets,
    notProbed: dedupeNotProbed(notProbed),
    ...(options.proxy ? { proxy: options.proxy } : {}),
    proxyWarnings: [...(options.proxyWarnings ?? [])],
  };
}

/** A provider that needs a destination is listed once per port, not once per missing destination. */
function dedupeNotProbed(entries: NotProbed[]): NotProbed[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.providerId}|${entry.port}|${entry.protocol}|${entry.reason}|${entry.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The proxy settings of an environment, as the Delegate reads them; `error` names the variable at fault. */
export function readProxySettings(
  env: Environment,
): { proxy?: ProxySettings; warnings: string[] } | { error: string } {
  const get = (name: string) => {
    const value = env[name] ?? env[name.toLowerCase()];
    return value?.trim() ? value.trim() : undefined;
  };
  const warnings: string[] = [];
  const noProxy = (get('NO_PROXY') ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .flatMap((entry) => {
      if (/^[\d.]+\/\d+$/.test(entry) || (entry.includes(':') && entry.includes('/'))) {
        warnings.push(
          `NO_PROXY ${entry}: the Delegate does not honour CIDR ranges in NO_PROXY (list the host names or addresses)`,
        );
        return [];
      }
      return [entry.replace(/:\d+$/, '')];
    });
  const bypassManager = get('PROXY_MANAGER')?.toLowerCase() === 'false';
  const host = get('PROXY_HOST');
  if (host) {
    const scheme = (get('PROXY_SCHEME') ?? 'http').toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') {
      return { error: `PROXY_SCHEME=${scheme}: the Delegate supports http and https` };
    }
    const portText = get('PROXY_PORT');
    const port = Number(portText);
    if (!portText || !Number.isInteger(port) || port < 1 || port > 65535) {
      return { error: `PROXY_PORT must be the proxy's port (1 to 65535) when PROXY_HOST is set` };
    }
    const user = get('PROXY_USER');
    const password = get('PROXY_PASSWORD');
    return {
      proxy: {
        scheme,
        host: host.toLowerCase(),
        port,
        ...(user ? { user } : {}),
        ...(password ? { password } : {}),
        noProxy,
        from: 'PROXY_HOST',
        bypassManager,
      },
      warnings,
    };
  }
  const url = get('HTTPS_PROXY');
  if (!url) return { warnings };
  let parsed: URL;
  try {
    parsed = new URL(url.includes('://') ? url : `http://${url}`);
  } catch {
    return { error: 'HTTPS_PROXY must be a URL such as http://proxy.corp.example.com:3128' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      error: `HTTPS_PROXY: the scheme ${parsed.protocol.replace(':', '')} is not supported (http or https)`,
    };
  }
  const scheme = parsed.protocol === 'https:' ? 'https' : 'http';
  return {
    proxy: {
      scheme,
      host: parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase(),
      port: parsed.port ? Number(parsed.port) : scheme === 'https' ? 443 : 80,
      ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      noProxy,
      from: 'HTTPS_PROXY',
      bypassManager,
    },
    warnings,
  };
}

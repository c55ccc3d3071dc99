/**
 * Where the Delegate may be let go: a destination an organisation gives (its overlay, `--to`) is read
 * here, beneath both the catalog (which checks the overlay) and the engine (which writes rules).
 */

/**
 * Where a rule lets the Delegate go: a CIDR or a host name from your organisation's overlay, or a
 * placeholder to replace (the catalog knows which product, never where yours runs).
 */
export type RuleDestination =
  | { kind: 'cidr'; value: string; family: 4 | 6 }
  | {
      kind: 'host';
      value: string /** Set when the host is a catalog fact (Harness's own hosts), not the overlay's. */;
      fromCatalog?: true;
    }
  | { kind: 'placeholder'; value: string };

const IPV4_CIDR =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6_CIDR = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/i;
const HOST_NAME =
  /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Reads a destination an organisation gave: an IPv4/IPv6 address or CIDR, or a host name; undefined if neither. */
export function parseDestination(text: string): RuleDestination | undefined {
  const value = text.trim();
  if (IPV4_CIDR.test(value))
    return { kind: 'cidr', value: value.includes('/') ? value : `${value}/32`, family: 4 };
  if (value.includes(':') && IPV6_CIDR.test(value) && value.split('::').length <= 2) {
    return { kind: 'cidr', value: value.includes('/') ? value : `${value}/128`, family: 6 };
  }
  if (HOST_NAME.test(value) && /[a-z]/i.test(value)) return { kind: 'host', value: value.toLowerCase() };
  return undefined;
}

/** The `providerId` of the Delegate's rule to Harness Manager. */
export const HARNESS_RULE_PROVIDER = 'harness';

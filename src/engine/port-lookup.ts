import type { Catalog, PortRule } from '../catalog/schema.js';
import { answer } from './answer.js';
import { transportOf } from './rules.js';
import type { Answer } from './types.js';

/**
 * Who uses a port, optionally over one protocol: the reverse lookup every face gives for a port
 * ("8089"), its providers stated first, then those it is only the usual port of. A protocol word keeps
 * the providers with a rule on that port over it: the catalog's own word ("https", "ldaps") or the
 * transport it runs over ("tcp" keeps HTTPS 443, "udp" does not). Pure.
 */
export function portLookup(port: number, protocol: string | undefined, catalog: Catalog): Answer {
  const result = answer(String(port), catalog);
  if (protocol === undefined) return result;
  const asked = protocol.trim().toUpperCase();
  const over = (rule: PortRule) =>
    rule.port === port && (rule.protocol.toUpperCase() === asked || transportOf(rule.protocol) === asked);
  return { ...result, matches: result.matches.filter((match) => match.provider.ports.some(over)) };
}

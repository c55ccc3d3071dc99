import type { Catalog } from '../catalog/schema.js';
import type { RuleFormat } from '../engine/rules.js';
import { findCluster, type RulesRequest, type RulesSelection } from '../engine/rules-request.js';
import type { SlackMessage } from '../render/blocks/kit.js';
import { renderRulesMessages, renderRulesProblems } from '../render/blocks/rules.js';
import { rulesReply, type WrittenRules, writeRules } from '../render/rules/response.js';
import { providersByIds } from './code-messages.js';

/** What the modal or a share button asks for: providers by id, a format, the Delegate's own egress and its cluster. */
export interface RulesAsked {
  providerIds: readonly string[];
  format: RuleFormat;
  delegate: boolean;
  /** The cluster of the Delegate's own egress (a name the catalog has); none: the engine's default host. */
  cluster?: string | undefined;
}

/** The CLI command that writes the same rules whole, for rules too long for Slack's messages. */
function cliCommand(selection: RulesSelection, format: RuleFormat): string {
  const words = selection.providers.map((p) => p.id);
  if (selection.delegate && !selection.cluster) words.push('delegate');
  const cluster =
    selection.delegate && selection.cluster ? ` --cluster ${selection.cluster.cluster.toLowerCase()}` : '';
  return `harness-ports rules ${words.join(' ')} --format ${format}${cluster}`;
}

export interface RulesFace {
  surface: 'ephemeral' | 'public';
  threadTs?: string | undefined;
  sharedBy?: string;
}

/** A selection's rules (the engine builds them, the format's renderer writes them) as Slack messages. */
function selectionMessages(
  catalog: Catalog,
  selection: RulesSelection,
  written: WrittenRules,
  face: RulesFace,
  notices: readonly string[] = [],
): SlackMessage[] {
  const { format } = written;
  const delegate = selection.delegate && catalog.delegate !== undefined;
  const cluster = delegate ? selection.cluster?.cluster : undefined;
  return renderRulesMessages({
    format,
    text: written.text,
    providerNames: selection.providers.map((p) => p.name),
    delegate,
    cluster,
    surface: face.surface,
    ...(face.sharedBy ? { sharedBy: face.sharedBy } : {}),
    share: {
      providerIds: selection.providers.map((p) => p.id),
      format,
      delegate,
      ...(cluster ? { cluster } : {}),
      ...(face.threadTs ? { threadTs: face.threadTs } : {}),
    },
    whole: cliCommand(selection, format),
    notices,
  });
}

/** The rules asked for (the modal, a share button) as Slack messages; undefined when nothing asked is in the catalog any more. */
export function rulesMessages(
  catalog: Catalog,
  asked: RulesAsked,
  face: RulesFace,
): SlackMessage[] | undefined {
  const providers = providersByIds(catalog, asked.providerIds);
  const cluster = asked.cluster ? findCluster(catalog, asked.cluster) : undefined;
  const delegate = asked.delegate && catalog.delegate !== undefined;
  if (providers.length === 0 && !delegate) return undefined;
  const selection = { providers, delegate, ...(cluster ? { cluster } : {}) };
  return selectionMessages(catalog, selection, writeRules(selection, asked.format, catalog), face);
}

/**
 * A typed rules request ("rules splunk jenkins as terraform", "rules delegate prod3"): the rules as
 * Slack messages, or one message saying why none were written (a word, format or cluster it does not
 * know: rules that silently leave out something asked for are worse than none).
 */
export function typedRulesMessages(catalog: Catalog, request: RulesRequest, face: RulesFace): SlackMessage[] {
  const reply = rulesReply(request, catalog);
  if (!reply.ok) return [renderRulesProblems(reply.problems)];
  return selectionMessages(catalog, request, reply, face, reply.notices);
}

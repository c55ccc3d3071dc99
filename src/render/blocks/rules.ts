import type { Button, KnownBlock, ModalView } from '@slack/types';
import type { Cluster, PortRule } from '../../catalog/schema.js';
import { escapeMrkdwn } from '../escape.js';
import { SLACK_LIMITS, truncate, truncateMrkdwn } from '../limits.js';
import { isRuleFormat, RULE_FORMATS, type RuleFormat } from '../rules/index.js';
import { listText } from '../wording.js';
import { codeMessages, codeProblemsMessage, INTRO_NAMES, MAX_CODE_MESSAGES } from './code-messages.js';
import { ACTION_IDS, CALLBACK_IDS, INPUT_BLOCK_IDS } from './ids.js';
import { actions, button, context, option, type SlackMessage, section, sharedByBlocks } from './kit.js';
import { providerIdsCodec, type RulesShareValue, rulesShareCodec } from './payloads.js';

/**
 * The Slack face of firewall rules: the "Firewall rules" button on provider cards and checklists,
 * the modal it opens, and the rules as private code blocks split over messages within Slack's
 * limits. What a rule says is the engine's and the rule renderers' business (src/render/rules).
 */

/** A Slack channel id (C…, G…, D…) as a modal's metadata carries it. */

/** "Firewall rules" for these providers; its value is their ids. */
export function firewallRulesButton(providerIds: readonly string[]): Button {
  return button('Firewall rules', ACTION_IDS.firewallRules, providerIdsCodec.encode(providerIds));
}

/** What the modal asks: the format, and the Harness cluster when the Delegate's own egress is included. */
export interface RulesChoice {
  format: RuleFormat;
  /** The cluster whose host the Delegate's own rule goes to; undefined: the Delegate's egress is left out. */
  cluster?: string;
}

/** The Delegate's own connection to Harness, as the modal describes it. */
export interface DelegateEgress {
  port: PortRule;
  clusters: readonly Cluster[];
  /** Where to find your account's cluster, in the source's words. */
  findCluster: string;
}

export const DELEGATE_OPTION_VALUE = 'delegate';

/** What the modal says under its inputs, and in every rules message. */
export const RULES_WARNING =
  'Generated rules are a starting point to review, not something to apply blindly: check every port and destination first. ' +
  'Conditional and inferred ports are commented out (flagged in CSV) with the reason, and every REPLACE_WITH_ placeholder needs your value.';

/**
 * The "Firewall rules" modal: format (the 7 formats), the Delegate's own egress to Harness (ticked:
 * a NetworkPolicy or an egress allow-list without it cuts the Delegate off from Harness), and the
 * Harness cluster whose host that rule goes to. Without the Delegate's network in the catalog, only
 * the format is asked.
 */
export function renderRulesModal(options: {
  providerNames: readonly string[];
  delegate?: DelegateEgress | undefined;
  metadata: string;
}): ModalView {
  const formats = (Object.entries(RULE_FORMATS) as Array<[RuleFormat, string]>).map(([format, label]) =>
    option(label, format),
  );
  const blocks: KnownBlock[] = [
    section(
      `*Firewall rules for ${escapeMrkdwn(listText(options.providerNames))}*\n` +
        "The Delegate's egress to each, in the format you choose. They come back privately, as code to review, with *Share in channel*.",
    ),
    {
      type: 'input',
      block_id: INPUT_BLOCK_IDS.rulesFormat,
      label: { type: 'plain_text', text: 'Format' },
      element: {
        type: 'static_select',
        action_id: ACTION_IDS.rulesFormat,
        options: formats,
        initial_option: formats[0]!,
      },
    },
  ];
  const { delegate } = options;
  if (delegate) {
    const port = `${delegate.port.protocol} ${delegate.port.port}`;
    const include = option("Include the Delegate's own egress to Harness", DELEGATE_OPTION_VALUE);
    include.description = {
      type: 'plain_text',
      text: truncate(
        `${port} to your Harness cluster's host. Without it, an egress policy cuts the Delegate off from Harness.`,
        SLACK_LIMITS.checkboxOptionText,
      ),
    };
    blocks.push(
      {
        type: 'input',
        block_id: INPUT_BLOCK_IDS.rulesDelegate,
        optional: true,
        label: { type: 'plain_text', text: "The Delegate's own egress" },
        element: {
          type: 'checkboxes',
          action_id: ACTION_IDS.rulesDelegate,
          options: [include],
          initial_options: [include],
        },
      },
      {
        type: 'input',
        block_id: INPUT_BLOCK_IDS.rulesCluster,
        optional: true,
        label: { type: 'plain_text', text: 'Harness cluster' },
        hint: { type: 'plain_text', text: truncate(delegate.findCluster, SLACK_LIMITS.inputLabel) },
        element: {
          type: 'static_select',
          action_id: ACTION_IDS.rulesCluster,
          placeholder: { type: 'plain_text', text: 'Prod1, Prod2, Prod3…' },
          options: delegate.clusters
            .slice(0, SLACK_LIMITS.selectOptions)
            .map((cluster) => option(`${cluster.cluster} (${cluster.host})`, cluster.cluster)),
        },
      },
    );
  }
  blocks.push(context(escapeMrkdwn(RULES_WARNING)));
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.rulesModal,
    private_metadata: options.metadata,
    title: { type: 'plain_text', text: 'Firewall rules' },
    submit: { type: 'plain_text', text: 'Get rules' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** What the modal's inputs say when the Delegate's egress is ticked without a cluster. */
export const RULES_MODAL_ERRORS = {
  noCluster: "Choose your Harness cluster, or untick the Delegate's own egress.",
  noFormat: 'Choose a format.',
} as const;

/** The modal's answers as Slack sends them in view_submission state, checked. */
export function readRulesChoice(
  format: string | undefined,
  delegateTicked: boolean,
  cluster: string | undefined,
  clusters: readonly Cluster[],
): RulesChoice | { error: keyof typeof RULES_MODAL_ERRORS } {
  if (!format || !isRuleFormat(format)) return { error: 'noFormat' };
  if (!delegateTicked) return { format };
  const known = clusters.find((c) => c.cluster === cluster);
  if (!known) return { error: 'noCluster' };
  return { format, cluster: known.cluster };
}

export interface RulesMessageOptions {
  format: RuleFormat;
  /** The rules as the format's renderer wrote them. */
  text: string;
  providerNames: readonly string[];
  /** Whether the Delegate's own egress to Harness is included, and for which cluster. */
  delegate: boolean;
  cluster?: string | undefined;
  /** Private messages carry "Share in channel" (when the value fits); shared ones say who shared them. */
  surface: 'ephemeral' | 'public';
  share?: RulesShareValue;
  sharedBy?: string;
  /** How to get rules too long for Slack's messages, e.g. the CLI command. */
  whole: string;
  /** Words of the request that named nothing, said before the rules (rulesNotices). */
  notices?: readonly string[];
}

/** At most this many messages: one response_url takes 5 posts. */
export const MAX_RULES_MESSAGES = MAX_CODE_MESSAGES;

/**
 * Rules as Slack messages: an intro (providers, format, the Delegate's egress or not), the warning,
 * then the code in blocks of at most 3000 characters, packed into messages of at most 10,000
 * characters, at most 5 messages (past that, the rest is named and the CLI offered). The last message
 * carries "Share in channel" (private) or who shared it (public).
 */
export function renderRulesMessages(options: RulesMessageOptions): SlackMessage[] {
  const names = options.providerNames.length ? listText(options.providerNames) : 'the Delegate';
  const delegate = options.delegate
    ? `with the Delegate's own egress to Harness (${options.cluster ?? 'no cluster named: see its rule'})`
    : "without the Delegate's own egress to Harness";
  const intro = section(
    `:shield: *Firewall rules: ${truncateMrkdwn(escapeMrkdwn(names), INTRO_NAMES)}*\n${escapeMrkdwn(RULE_FORMATS[options.format])}, ${escapeMrkdwn(delegate)}.`,
  );
  const warning = context(escapeMrkdwn(RULES_WARNING));
  const notices = options.notices?.length
    ? [
        section(
          truncateMrkdwn(
            `:warning: *Not every word named something.*\n${options.notices.map((n) => `• ${escapeMrkdwn(n)}`).join('\n')}`,
            3000,
          ),
        ),
      ]
    : [];
  const cutNote = (lines: number) =>
    context(
      `…and ${lines} more lines, too many for ${MAX_RULES_MESSAGES} Slack messages. For the whole set: ${escapeMrkdwn(options.whole)}`,
    );
  const sharedBy = sharedByBlocks(options.sharedBy);
  const shareValue =
    options.surface === 'ephemeral' && options.share ? rulesShareCodec.encode(options.share) : undefined;
  const share = shareValue
    ? [actions([button('Share in channel', ACTION_IDS.shareRules, shareValue, 'primary')])]
    : [];
  return codeMessages({
    title: `Firewall rules (${options.format}) for ${names}`,
    head: [...notices, intro, warning],
    code: options.text,
    cutNote,
    tail: [...sharedBy, ...share],
  });
}

/** Examples of typed rules requests, for a request that could not be answered. */
export const RULES_EXAMPLES = [
  'rules splunk jenkins',
  'rules nexus as terraform',
  'rules delegate prod3 csv',
];

/** Why no rules were written for a typed request (unknown words, format or cluster; nothing named). */
export function renderRulesProblems(problems: readonly string[]): SlackMessage {
  return codeProblemsMessage('firewall rules', problems, RULES_EXAMPLES);
}

import type { ModalView, PlainTextOption } from '@slack/types';
import type { Provider } from '../../catalog/schema.js';
import { MAX_CHECKLIST_PROVIDERS } from '../../engine/checklist.js';
import { ACTION_IDS, CALLBACK_IDS, INPUT_BLOCK_IDS } from './ids.js';
import { context, option } from './kit.js';

/** Longest note the builder takes: it is shown under the checklist's summary. */
export const MAX_CHECKLIST_NOTE = 500;

export function providerOption(provider: Provider): PlainTextOption {
  return option(provider.name, provider.id);
}

/**
 * The checklist builder: providers (a typeahead multi-select answered by the options listener), the
 * channel to post in (a conversations_select: a global shortcut carries no channel), an optional
 * note. Submitting posts the same checklist as `/harness-ports checklist …`.
 */
export function renderChecklistModal(
  options: { initialProviders?: Provider[]; channelId?: string } = {},
): ModalView {
  const initial = (options.initialProviders ?? []).slice(0, MAX_CHECKLIST_PROVIDERS).map(providerOption);
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.checklistModal,
    title: { type: 'plain_text', text: 'New checklist' },
    submit: { type: 'plain_text', text: 'Post checklist' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: INPUT_BLOCK_IDS.checklistProviders,
        label: { type: 'plain_text', text: 'Providers' },
        hint: {
          type: 'plain_text',
          text: `Type a name or alias; up to ${MAX_CHECKLIST_PROVIDERS} providers.`,
        },
        element: {
          type: 'multi_external_select',
          action_id: ACTION_IDS.checklistProviders,
          placeholder: { type: 'plain_text', text: 'Splunk, Jenkins, Nexus…' },
          min_query_length: 1,
          max_selected_items: MAX_CHECKLIST_PROVIDERS,
          ...(initial.length ? { initial_options: initial } : {}),
        },
      },
      {
        type: 'input',
        block_id: INPUT_BLOCK_IDS.checklistChannel,
        label: { type: 'plain_text', text: 'Post in' },
        element: {
          type: 'conversations_select',
          action_id: ACTION_IDS.checklistChannel,
          placeholder: { type: 'plain_text', text: 'Choose a channel' },
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(options.channelId ? { initial_conversation: options.channelId } : {}),
        },
      },
      {
        type: 'input',
        block_id: INPUT_BLOCK_IDS.checklistNote,
        optional: true,
        label: { type: 'plain_text', text: 'Note' },
        element: {
          type: 'plain_text_input',
          action_id: ACTION_IDS.checklistNote,
          max_length: MAX_CHECKLIST_NOTE,
          placeholder: { type: 'plain_text', text: 'e.g. for the new staging Delegate' },
        },
      },
      context(
        'The checklist is posted for everyone in the channel; its items go in the thread. Private channels need me invited first.',
      ),
    ],
  };
}

/** What the builder's inputs say when the user forgot something or chose a channel the bot cannot use. */
export const CHECKLIST_MODAL_ERRORS = {
  noProvider: 'Choose at least one provider.',
  tooMany: `A checklist takes at most ${MAX_CHECKLIST_PROVIDERS} providers.`,
  noChannel: 'Choose a channel to post in.',
  cannotPost: 'I cannot post there. Invite me first (/invite @Harness Ports), or choose a channel I am in.',
  archived: 'This channel is archived. Choose another one.',
} as const;

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderAnswerMessage } from '../../../render/blocks/answer.js';
import { readSlackRequest } from '../../answers.js';
import { postChecklist } from '../../checklist.js';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';
import { slackTextToQuery } from '../../text.js';
import { codeRequestMessages, isCodeRequest } from '../../typed-requests.js';

/**
 * `/harness-ports <query>` (or whatever the manifest names it): answers privately in the ack itself (no Web API call, well within 3 s),
 * with a "Share in channel" button. A checklist is posted for everyone: a new parent message with
 * its items in the thread (slash commands cannot be run inside a thread).
 */
export function harnessPortsCommand(shared: ListenerDeps) {
  return async ({
    command,
    ack,
    respond,
    client,
    context,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // Help and hints name the command as this workspace installed it (it may have been renamed).
    const deps: ListenerDeps = { ...shared, command: command.command || shared.command };
    // "rules splunk jenkins", "policy aws ec2": privately, the first message in the ack, the rest
    // through the response URL.
    const query = slackTextToQuery(command.text ?? '');
    const request = readSlackRequest(deps, query, {
      surface: 'command',
      user: command.user_id,
      workspace: workspaceOf(context),
    });
    if (isCodeRequest(request)) {
      const typed = codeRequestMessages(deps, request, { surface: 'ephemeral' });
      const [first, ...rest] = typed.messages;
      await ack({ response_type: 'ephemeral', ...first });
      try {
        for (const message of rest) await respond({ response_type: 'ephemeral', ...message });
      } catch (error) {
        await reportSlackFailure(deps.logger, error, {
          doing: `sending ${typed.kind}`,
          failed: typed.kind,
          context: { channel: command.channel_id },
        });
      }
      return;
    }
    if (request.kind === 'answer') {
      await ack({
        response_type: 'ephemeral',
        ...renderAnswerMessage(request.answer, {
          surface: 'ephemeral',
          command: deps.command,
          feedback: true,
          tables: true,
        }),
      });
      return;
    }
    await ack();
    try {
      await postChecklist(client, deps, {
        channel: command.channel_id,
        providers: request.answer.matches.map((m) => m.provider),
        requestedBy: command.user_id,
      });
    } catch (error) {
      await reportSlackFailure(deps.logger, error, {
        doing: 'posting a checklist',
        failed: 'checklist',
        context: { channel: command.channel_id },
        tell: (text) => respond({ response_type: 'ephemeral', text }),
      });
    }
  };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CALLBACK_IDS } from '../src/render/blocks/ids.js';
import { BOT_SCOPES, REDIRECT_PATH } from '../src/slack/oauth.js';

interface Manifest {
  features: {
    app_home: Record<string, boolean>;
    agent_view?: { agent_description?: string };
    shortcuts: Array<{ name: string; type: string; callback_id: string }>;
  };
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
  };
  functions: Record<
    string,
    {
      title: string;
      input_parameters: Record<string, { type: string }>;
      output_parameters: Record<string, { type: string }>;
    }
  >;
}

const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('declares the shortcuts under the names users click and the callback ids the listeners use', () => {
    expect(manifest.features.shortcuts.map((s) => [s.name, s.type, s.callback_id])).toEqual([
      ['Harness ports checklist', 'global', CALLBACK_IDS.checklistShortcut],
      ['Look up ports', 'message', CALLBACK_IDS.lookupShortcut],
    ]);
  });

  it('declares the Workflow Builder step with its inputs and outputs, and opts in to org deployment', () => {
    const step = manifest.functions[CALLBACK_IDS.checklistFunction]!;
    expect(step.title).toBe('Create Harness ports checklist');
    expect(Object.entries(step.input_parameters).map(([k, v]) => [k, v.type])).toEqual([
      ['providers', 'string'],
      ['channel', 'slack#/types/channel_id'],
    ]);
    expect(Object.keys(step.output_parameters)).toEqual(['checklist_link', 'ports']);
    expect(manifest.settings.org_deploy_enabled).toBe(true);
  });

  it('enables the Home tab, the agent messaging experience and the events they need; Socket Mode stays on', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.agent_view?.agent_description).toBeTruthy();
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_mention',
      'message.im',
      'app_home_opened',
      'function_executed',
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for exactly the scopes the features use', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'app_mentions:read',
      'im:history',
      'assistant:write',
    ]);
  });

  it('asks an OAuth install for the same scopes as the manifest, and shows where Slack redirects to', () => {
    expect(BOT_SCOPES).toEqual(manifest.oauth_config.scopes.bot);
    expect(manifest.oauth_config.redirect_urls).toEqual([`https://YOUR-HOST${REDIRECT_PATH}`]);
  });
});

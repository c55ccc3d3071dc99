import { describe, expect, it } from 'vitest';
import { realCatalog } from '../helpers/catalog.js';
import { nowSeconds, postSigned, slashCommandBody } from '../helpers/slack.js';
import { useTestApp } from './support.js';

const t = useTestApp(realCatalog());

describe('createSlackApp in HTTP mode', () => {
  it('serves GET /healthz with 200 and {"ok":true}, without Socket Mode or a Slack call', async () => {
    const response = await fetch(`${t.running.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls).toEqual([]);
  });

  it('answers a correctly signed slash command on /slack/events', async () => {
    const response = await postSigned(
      t.running.baseUrl,
      slashCommandBody('nexus'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toBe(
      'Delegate permissions and ports: Nexus and Nexus 3 connector',
    );
  });

  it.each([
    ['a stale timestamp (6 minutes old)', { timestamp: nowSeconds() - 6 * 60 }],
    ['a forged signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['no signature', { signature: null }],
  ])('rejects a request with %s: 401, no answer, no Slack call', async (_what, options) => {
    const response = await postSigned(
      t.running.baseUrl,
      slashCommandBody('splunk'),
      'application/x-www-form-urlencoded',
      options,
    );
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('Splunk');
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls).toEqual([]);
  });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckEnvironment, runCheckCli } from '../../src/check/cli.js';
import { buildChecklist } from '../../src/engine/checklist.js';
import { renderChecklistItemMessages } from '../../src/render/blocks/checklist.js';
import { itemBlockId } from '../../src/render/blocks/payloads.js';
import { parseReportTarget } from '../../src/slack/check-report.js';
import { providerById, realCatalog } from '../helpers/catalog.js';
import { type Running, refusedPort, tcpServer } from '../helpers/check-servers.js';
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { BOT_TOKEN, postSigned, pressOnStored, type RunningTestApp, startTestApp } from '../helpers/slack.js';

/**
 * `harness-ports check … --report <checklist link>` round trip: the loopback fake Slack API keeping
 * every message, the real bot (HTTP receiver, signed clicks) on a real redis-server, and the check
 * sharing that Redis, so its ticks and people's take the same per-message lock. The probes go to
 * loopback servers only.
 */

const catalog = realCatalog();
const CHANNEL = 'C0CHECKS';
const AT = '2026-12-07T02:00:00Z';
let fake: FakeSlackApi;
let redis: TestRedis;
let bot: RunningTestApp;
let splunkServer: Running;
const ports = new Map<number, number>();

beforeAll(async () => {
  [fake, redis] = await Promise.all([startFakeSlackApi(), startRedis()]);
  bot = await startTestApp(catalog, {
    config: { slackApiUrl: fake.apiUrl, redisUrl: redis.url },
    webApiPolicy: { timeoutMs: 3_000, backoffMs: 20 },
  });
  splunkServer = await tcpServer();
  ports.set(8089, splunkServer.port);
  ports.set(443, await refusedPort());
});
afterAll(async () => {
  await bot.stop();
  await splunkServer.close();
  await Promise.all([fake.close(), redis.stop()]);
});

async function post(args: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
    body: JSON.stringify({ channel: CHANNEL, ...args }),
  });
  return ((await response.json()) as { ts: string }).ts;
}

/** A checklist for Splunk and Jenkins as the bot posts it: a summary, its item message in the thread. */
async function postChecklist(): Promise<{ root: string; items: string; link: string }> {
  const root = await post({ text: 'Checklist: Splunk, Jenkins' });
  const [message] = renderChecklistItemMessages(
    buildChecklist([providerById('splunk'), providerById('jenkins')]),
    itemBlockId,
  );
  const items = await post({ text: message!.text, blocks: message!.blocks, thread_ts: root });
  return { root, items, link: `https://acme.slack.com/archives/${CHANNEL}/p${root.replace('.', '')}` };
}

/** Who ticked each item of a message as it stands now ('' for an open item). */
function tickedBy(ts: string): Record<string, string> {
  const blocks = fake.message(CHANNEL, ts)!.blocks as Array<{ block_id?: string }>;
  return Object.fromEntries(
    blocks.flatMap((b) => {
      if (!b.block_id?.startsWith('hp_item:')) return [];
      const [, provider, item, user] = b.block_id.split(':');
      return [[`${provider}:${item}`, user ?? '']];
    }),
  );
}

function environment(env: Record<string, string>): CheckEnvironment {
  return {
    env,
    host: 'delegate-pod-1',
    now: () => new Date(AT),
    probeIo: {
      lookup: async (host) => {
        if (host !== 'splunk.test') throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
        return ['127.0.0.1'];
      },
      now: () => performance.now(),
      connect: (host, port) => {
        if (host !== '127.0.0.1') throw new Error(`a test tried to connect to ${host}`);
        return connect({ host, port: ports.get(port) ?? port });
      },
    },
  };
}

async function checkAndReport(report: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheckCli(
    [
      'splunk',
      'jenkins',
      '--to',
      'splunk=splunk.test:8089',
      '--to',
      'jenkins=splunk.test:443',
      '--report',
      report,
    ],
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    environment({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, REDIS_URL: redis.url, ...env }),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('harness-ports check --report', () => {
  it("ticks the port items every probe verified, as the bot, and lists the failures in the checklist's thread", async () => {
    const checklist = await postChecklist();
    const { code, err } = await checkAndReport(checklist.link);
    expect(code).toBe(1);
    expect(err).toBe(`harness-ports check: report posted to ${checklist.link}; ticked: Splunk TCP 8089`);
    expect(tickedBy(checklist.items)).toEqual({
      'splunk:port-0': FAKE_BOT.userId,
      'splunk:permission-0': '',
      'jenkins:port-0': '',
      'jenkins:permission-0': '',
      'jenkins:permission-1': '',
    });
    const report = fake.callsOf('chat.postMessage').at(-1)!.args;
    expect(report.thread_ts).toBe(checklist.root);
    expect(String(report.text).split('\n')).toEqual([
      `:white_check_mark: Verified by check from \`delegate-pod-1\` at ${AT} and ticked: Splunk TCP 8089.`,
      `*harness-ports check* from \`delegate-pod-1\` at ${AT}: 1 of 2 passed, 1 failed`,
      expect.stringMatching(
        /^:white_check_mark: \*Splunk\* `splunk\.test:8089 TCP`: resolved 127\.0\.0\.1; connected _\(\d+ ms, direct\)_$/,
      ),
      expect.stringMatching(
        /^:x: \*Jenkins\* `splunk\.test:443 HTTPS`: resolved 127\.0\.0\.1; refused at 127\.0\.0\.1 _\(\d+ ms, direct\)_$/,
      ),
      '      ↳ something answers and rejects port 443: the service is not listening there, or a firewall rejects it; check the port, or open TCP 443 to splunk.test — `harness-ports rules jenkins` writes the rule',
      '*Result: FAILED: 1 required probe did not pass.*',
      '_A passing probe proves the network path from here (DNS, the port, TLS, an HTTP answer), not that a credential or permission works._',
    ]);
  });

  it("loses no one's tick: people press Done on stale copies while the check ticks the same message", async () => {
    const checklist = await postChecklist();
    // Both clicks carry the message as it was before anything was ticked.
    const alice = pressOnStored(
      fake.message(CHANNEL, checklist.items)!,
      'hp_item:jenkins:permission-0',
      'U0ALICE',
    );
    const bob = pressOnStored(
      fake.message(CHANNEL, checklist.items)!,
      'hp_item:splunk:permission-0',
      'U0BOB',
    );
    fake.on('chat.update', (_request, asSlack) => ({ ...asSlack(), delayMs: 150 }));
    const updatesBefore = fake.callsOf('chat.update').length;
    try {
      const [report, ...clicks] = await Promise.all([
        checkAndReport(checklist.link),
        postSigned(bot.baseUrl, alice, 'application/x-www-form-urlencoded'),
        postSigned(bot.baseUrl, bob, 'application/x-www-form-urlencoded'),
      ]);
      expect(clicks.map((response) => response.status)).toEqual([200, 200]);
      expect(report.err).toContain('ticked: Splunk TCP 8089');
      await fake.waitForCalls('chat.update', updatesBefore + 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      fake.on('chat.update', (_request, asSlack) => asSlack());
    }
    expect(tickedBy(checklist.items)).toEqual({
      'splunk:port-0': FAKE_BOT.userId,
      'splunk:permission-0': 'U0BOB',
      'jenkins:port-0': '',
      'jenkins:permission-0': 'U0ALICE',
      'jenkins:permission-1': '',
    });
  });

  it('keeps a tick someone made before the check, and says it ticked nothing', async () => {
    const checklist = await postChecklist();
    const carol = pressOnStored(fake.message(CHANNEL, checklist.items)!, 'hp_item:splunk:port-0', 'U0CAROL');
    const updatesBefore = fake.callsOf('chat.update').length;
    await postSigned(bot.baseUrl, carol, 'application/x-www-form-urlencoded');
    await fake.waitForCalls('chat.update', updatesBefore + 1);
    const { err } = await checkAndReport(checklist.link);
    expect(err).toBe(`harness-ports check: report posted to ${checklist.link}`);
    expect(tickedBy(checklist.items)['splunk:port-0']).toBe('U0CAROL');
    expect(String(fake.callsOf('chat.postMessage').at(-1)!.args.text).split('\n')[0]).toBe(
      `Nothing ticked by this check from \`delegate-pod-1\` at ${AT}: no port item of the checklist was verified.`,
    );
  });

  it('posts in a channel, ticking nothing, when given a channel', async () => {
    const updatesBefore = fake.callsOf('chat.update').length;
    const { err } = await checkAndReport(CHANNEL);
    expect(err).toBe(`harness-ports check: report posted to ${CHANNEL}`);
    const posted = fake.callsOf('chat.postMessage').at(-1)!.args;
    expect([posted.channel, posted.thread_ts]).toEqual([CHANNEL, undefined]);
    expect(String(posted.text)).toMatch(/^\*harness-ports check\* from `delegate-pod-1`/);
    expect(fake.callsOf('chat.update')).toHaveLength(updatesBefore);
  });

  it('needs the bot token, and says what to do without it', async () => {
    const { code, err } = await checkAndReport(CHANNEL, { SLACK_BOT_TOKEN: '' });
    expect(code).toBe(2);
    expect(err).toBe(
      "harness-ports check: --report needs SLACK_BOT_TOKEN (the bot's xoxb- token); without it, --format slack prints the message to paste",
    );
  });

  it('reads a checklist link (of the summary, or of a reply in its thread) and a channel', () => {
    expect(parseReportTarget('https://acme.slack.com/archives/C0CHECKS/p1732560000000100')).toEqual({
      channel: 'C0CHECKS',
      ts: '1732560000.000100',
    });
    expect(
      parseReportTarget(
        'https://acme.slack.com/archives/C0CHECKS/p1732560000000200?thread_ts=1732560000.000100&cid=C0CHECKS',
      ),
    ).toEqual({ channel: 'C0CHECKS', ts: '1732560000.000100' });
    expect(parseReportTarget('#netsec')).toEqual({ channel: '#netsec' });
    expect(parseReportTarget('https://example.com/x')).toBe(
      "--report https://example.com/x: give a checklist's link (Copy link on its summary message) or a channel (C0123ABCD or #netsec)",
    );
  });
});

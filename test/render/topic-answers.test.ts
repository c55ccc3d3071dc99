import { describe, expect, it } from 'vitest';
import { EDITION_LABELS } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import { answerJson } from '../../src/render/json.js';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import {
  context,
  section,
  shareButton,
  slackAnswer as slack,
  terminalAnswer as terminal,
} from '../helpers/expected-blocks.js';

/**
 * The Delegate-network answers in every face. The standard ones are pinned whole (as
 * standard-answers.test.ts pins a provider card); every topic is then checked for what must hold of
 * all of them: each fact with its source, a footer naming source and edition, Slack's limits, and
 * never a Harness IP address.
 */

const catalog = realCatalog();
const _COMMAND = '/harness-ports';

const REQUIREMENTS =
  'https://developer.harness.io/docs/platform/delegates/delegate-concepts/delegate-requirements';
const ALLOWLIST_PAGE =
  'https://developer.harness.io/docs/platform/references/allowlist-harness-domains-and-ips';
const ALLOWLIST_PAGE_EARLY =
  'https://github.com/harness/developer-hub/blob/6a4347bb7f13a71b8c4d15771b43777283fd4761/docs/platform/references/allowlist-harness-domains-and-ips.md';
const IP_ALLOWLIST_FEATURE = 'https://developer.harness.io/docs/platform/security/add-manage-ip-allowlist';

describe('the standard Delegate-network answers in Slack', () => {
  it('inbound?', () => {
    expect(slack('inbound?')).toEqual({
      text: 'Delegate network: Inbound connections',
      blocks: [
        section('*Inbound connections*  ·  Delegate network'),
        section(
          '• All network connections from your local network to Harness SaaS are outbound-only. _[1]_\n' +
            '• HTTPS port 443 outbound from the delegate to Harness. _[1]_\n' +
            "• Harness's IP allowlist feature restricts user logins; it does not perform IP allowlisting for Harness Delegate connections. _[2]_",
        ),
        context(
          `*Sources:* [1] <${REQUIREMENTS}|Delegate system requirements> (Delegate docs)  ·  ` +
            `[2] <${IP_ALLOWLIST_FEATURE}|Add and manage IP allowlists> (Delegate docs)`,
        ),
        shareButton('inbound?'),
      ],
    });
  });

  it('does the delegate need inbound ports? (the topic answers No first, with the fact that says so)', () => {
    const inbound = slack('inbound?');
    expect(slack('does the delegate need inbound ports?')).toEqual({
      text: 'No: All network connections from your local network to Harness SaaS are outbound-only.',
      blocks: [
        section('No: All network connections from your local network to Harness SaaS are outbound-only.'),
        ...inbound.blocks.slice(0, -1),
        shareButton('does the delegate need inbound ports?'),
      ],
    });
  });

  it("we're on prod3, which host?", () => {
    expect(slack("we're on prod3, which host?")).toEqual({
      text: 'Delegate network: Harness host per SaaS cluster',
      blocks: [
        section('*Harness host per SaaS cluster*  ·  Delegate network'),
        section(
          '• *Prod3: `app3.harness.io`* _[1]_\n' +
            "• Delegates connect to the host of their account's cluster, outbound on HTTPS 443. _[1]_\n" +
            '• If you use a Harness vanity URL, like mycompany.harness.io, you can allowlist it also. _[2]_',
        ),
        section(
          '*Clusters and their hosts* _[1]_\n' +
            '• Prod1: `app.harness.io`\n' +
            '• Prod2: `app.harness.io`\n' +
            '• *Prod3: `app3.harness.io`*\n' +
            '• Prod0: `accounts.harness.io`\n' +
            '• Prod4: `accounts.harness.io`\n' +
            '• EU: `accounts.eu.harness.io`\n' +
            "• Find your account's cluster in Account Settings → Account Details → Harness Cluster.",
        ),
        context(
          `*Sources:* [1] <${ALLOWLIST_PAGE}|Allowlist Harness Platform IPs and CIDR> (Delegate docs)  ·  ` +
            `[2] <${ALLOWLIST_PAGE_EARLY}|Allowlist Harness domains and IPs (an early version of the allowlist page)> (Delegate docs)`,
        ),
        shareButton("we're on prod3, which host?"),
      ],
    });
  });

  it('fedramp', () => {
    expect(slack('fedramp')).toEqual({
      text: 'Delegate network: Harness Gov / FedRAMP hosts',
      blocks: [
        section('*Harness Gov / FedRAMP hosts*  ·  Delegate network'),
        section(
          ":warning: Not documented: Harness's docs do not state Harness Gov / FedRAMP hosts, so I don't know them and won't guess. Ask Harness Support or your Harness account team.",
        ),
        shareButton('fedramp'),
      ],
    });
  });
});

describe('the standard Delegate-network answers in the terminal', () => {
  it('inbound?', () => {
    expect(terminal('inbound?')).toBe(
      [
        'Inbound connections  (Delegate network)',
        '  - All network connections from your local network to Harness SaaS are outbound-only. [1]',
        '  - HTTPS port 443 outbound from the delegate to Harness. [1]',
        "  - Harness's IP allowlist feature restricts user logins; it does not perform IP allowlisting for Harness Delegate connections. [2]",
        '  Sources',
        `    [1] Delegate system requirements (Delegate docs): ${REQUIREMENTS}`,
        `    [2] Add and manage IP allowlists (Delegate docs): ${IP_ALLOWLIST_FEATURE}`,
      ].join('\n'),
    );
  });

  it('is the delegate outbound only? (Yes, then the topic)', () => {
    expect(terminal('is the delegate outbound only?')).toBe(
      [
        'Yes: All network connections from your local network to Harness SaaS are outbound-only.',
        '',
        terminal('inbound?'),
      ].join('\n'),
    );
  });

  it('NO_PROXY', () => {
    expect(terminal('NO_PROXY')).toBe(
      [
        'Delegate behind a proxy  (Delegate network)',
        '  > NO_PROXY: Hosts that bypass the proxy. No subnet masks or CIDR ("Harness does not allow any methods of representing a subnet mask"). An in-cluster Kubernetes delegate with a proxy must list the cluster master IP here. [1]',
        '  - With the proxy enabled, any outbound connection made via the delegate through Harness uses that proxy, connectors included. [2]',
        '  - Capability checks use raw sockets that ignore the proxy; with HTTP Helm repositories, set the default setting "Ignore status code for HTTP connections" to true. [1]',
        '  - An in-cluster Kubernetes delegate with a proxy: NO_PROXY must contain the cluster master IP. NO_PROXY takes no subnet masks or CIDR. [1]',
        '  - Use a host name in PROXY_HOST, not the proxy\'s IP address: "If your IP changes, your delegate will start to fail." [2]',
        '  - If the proxy does not allow WSS, set POLL_FOR_TASKS to true. [3]',
        '  - If the proxy requires Kerberos/SPNEGO (Negotiate) authentication instead of Basic, the delegate can authenticate to it with a Kerberos keytab you provide; no PROXY_USER or PROXY_PASSWORD is needed. [4]',
        '  Proxy variables',
        "    - PROXY_HOST: The proxy's host. [1]",
        "    - PROXY_PORT: The proxy's port. [1]",
        "    - PROXY_SCHEME: The proxy's scheme: HTTP and HTTPS are supported. [1]",
        '    > NO_PROXY: Hosts that bypass the proxy. No subnet masks or CIDR ("Harness does not allow any methods of representing a subnet mask"). An in-cluster Kubernetes delegate with a proxy must list the cluster master IP here. [1]',
        '    - PROXY_MANAGER: Default "true"; set "false" to bypass the proxy to reach Harness Manager. [1]',
        '    - PROXY_USER: The proxy user, from a Kubernetes secret (secretKeyRef). [1]',
        '    - PROXY_PASSWORD: The proxy password, from a Kubernetes secret (secretKeyRef). [1]',
        '    - POLL_FOR_TASKS: Set to true if the PROXY_* settings are used and the proxy or some intermediary does not allow WSS. [3]',
        '  Sources',
        '    [1] Configure delegate proxy settings (Delegate docs): https://developer.harness.io/docs/platform/delegates/manage-delegates/configure-delegate-proxy-settings',
        '    [2] Harness Platform FAQs (Delegate docs): https://developer.harness.io/kb/platform/harness-platform-faqs',
        '    [3] Delegate environment variables (Delegate docs): https://developer.harness.io/docs/platform/delegates/delegate-reference/delegate-environment-variables',
        '    [4] Kerberos proxy authentication (Delegate docs): https://developer.harness.io/harness-platform/use-harness-platform/delegates/delegate/manage-delegates/proxy/configure-delegate-kerberos-proxy',
      ].join('\n'),
    );
  });

  it('fedramp', () => {
    expect(terminal('fedramp')).toBe(
      [
        'Harness Gov / FedRAMP hosts  (Delegate network)',
        "  Not documented: Harness's docs do not state Harness Gov / FedRAMP hosts, so I don't know them and won't guess. Ask Harness Support or your Harness account team.",
      ].join('\n'),
    );
  });
});

describe('a provider and a topic in one answer: "splunk behind a proxy"', () => {
  it('shows the Splunk card first, then the proxy topic, in Slack and in the terminal', () => {
    const message = slack('splunk behind a proxy');
    const texts = message.blocks.map((block) =>
      block.type === 'section' ? (block.text?.text ?? '') : block.type,
    );
    const card = texts.indexOf('*Splunk*  ·  Verification provider  ·  FirstGen table');
    const topic = texts.indexOf('*Delegate behind a proxy*  ·  Delegate network');
    expect(card).toBe(0);
    expect(texts[topic - 1]).toBe('divider');
    expect(topic).toBeGreaterThan(card);
    expect(slackLimitViolations(message)).toEqual([]);
    const text = terminal('splunk behind a proxy');
    expect(text.indexOf('Splunk  (Verification provider · FirstGen table)')).toBe(0);
    expect(text.indexOf('Delegate behind a proxy  (Delegate network)')).toBeGreaterThan(0);
  });
});

/** An IPv4 address or CIDR: no answer may present one as Harness's. */
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/;

describe('every topic, in every face', () => {
  const network = catalog.delegate!;
  const asked = network.topics.map((topic) => [topic.id, topic.aliases[0]!] as const);

  it('asks for every topic, and the catalog has them', () => {
    expect(asked.length).toBeGreaterThanOrEqual(34);
  });

  it.each(asked)('%s: within Slack limits, and no IP address anywhere', (_id, alias) => {
    const message = slack(alias);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(JSON.stringify(message)).not.toMatch(IPV4);
    expect(terminal(alias)).not.toMatch(IPV4);
    expect(JSON.stringify(answerJson(answer(alias, catalog)))).not.toMatch(IPV4);
  });

  it.each(asked)('%s: every fact in the terminal carries its source, named with its edition', (id, alias) => {
    const text = terminal(alias);
    const topic = network.topics.find((t) => t.id === id)!;
    const sources = new Map<string, string>();
    for (const match of text.matchAll(/^ {4}\[(\d+)\] (.+)$/gm)) sources.set(match[1]!, match[2]!);
    for (const fact of topic.facts) {
      const line = text.split('\n').find((l) => l.includes(fact.text));
      const ref = line?.match(/\[(\d+)\]$/)?.[1];
      expect(ref, fact.text).toBeDefined();
      expect(sources.get(ref!)).toBe(
        `${fact.source.title} (${EDITION_LABELS[fact.source.edition]}): ${fact.source.url}`,
      );
    }
  });

  it.each(asked)('%s: every fact in Slack has a source number the footer links', (id, alias) => {
    const message = slack(alias);
    const topic = network.topics.find((t) => t.id === id)!;
    const footer = message.blocks
      .filter((block) => block.type === 'context')
      .flatMap((block) => (block.type === 'context' ? block.elements : []))
      .map((element) => ('text' in element ? element.text : ''))
      .find((text) => text.startsWith('*Sources:*'));
    const body = message.blocks
      .map((block) => (block.type === 'section' ? (block.text?.text ?? '') : ''))
      .join('\n');
    if (topic.facts.length === 0) expect(topic.notDocumented).toBe(true);
    for (const fact of topic.facts) {
      const escaped = fact.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const ref = body
        .split('\n')
        .find((line) => line.includes(escaped))
        ?.match(/_\[(\d+)\]_$/)?.[1];
      expect(ref, fact.text).toBeDefined();
      expect(footer).toContain(
        `[${ref}] <${fact.source.url}|${fact.source.title}> (${EDITION_LABELS[fact.source.edition]})`,
      );
    }
  });

  it.each(asked)('%s: --json gives every fact with its source', (id, alias) => {
    const json = answerJson(answer(alias, catalog));
    const topic = network.topics.find((t) => t.id === id)!;
    const shown = json.topics.find((t) => t.id === id)!;
    expect(
      shown.facts.map((fact) => [fact.text, fact.source.title, fact.source.url, fact.source.edition]),
    ).toEqual(
      topic.facts.map((fact) => [fact.text, fact.source.title, fact.source.url, fact.source.edition]),
    );
    expect(shown.notDocumented).toBe(topic.notDocumented);
  });
});

describe('--json for topics', () => {
  it('gives the cluster asked about, every cluster with its source, and how to find yours', () => {
    const [topic] = answerJson(answer('prod3', catalog)).topics;
    expect(topic?.id).toBe('clusters');
    expect(topic?.named).toEqual({ clusters: ['Prod3'], proxyVariables: [], endpoints: [] });
    expect(topic?.clusters.map((c) => [c.cluster, c.host, c.source.id, c.source.editionLabel])).toEqual([
      ['Prod1', 'app.harness.io', 'allowlist-page', 'Delegate docs'],
      ['Prod2', 'app.harness.io', 'allowlist-page', 'Delegate docs'],
      ['Prod3', 'app3.harness.io', 'allowlist-page', 'Delegate docs'],
      ['Prod0', 'accounts.harness.io', 'allowlist-page', 'Delegate docs'],
      ['Prod4', 'accounts.harness.io', 'allowlist-page', 'Delegate docs'],
      ['EU', 'accounts.eu.harness.io', 'allowlist-page', 'Delegate docs'],
    ]);
    expect(topic?.findCluster?.text).toBe(
      "Find your account's cluster in Account Settings → Account Details → Harness Cluster.",
    );
  });

  it('marks the optional endpoints’ ports as inferred and gives the variable that turns one off', () => {
    const [topic] = answerJson(answer('logging.googleapis.com', catalog)).topics;
    const logging = topic?.endpoints.find((e) => e.host === 'logging.googleapis.com');
    expect(logging?.required).toBe(false);
    expect(logging?.disable).toEqual({ variable: 'STACK_DRIVER_LOGGING_ENABLED', value: 'false' });
    expect(logging?.ports).toEqual([
      {
        port: 443,
        protocol: 'HTTPS',
        label: "HTTPS (the product's usual port, not stated by Harness)",
        inferred: true,
      },
    ]);
  });

  it('says Gov/FedRAMP is not documented', () => {
    const [topic] = answerJson(answer('fedramp', catalog)).topics;
    expect(topic?.notDocumented).toBe(true);
    expect(topic?.notDocumentedText).toMatch(/^Not documented: /);
    expect(topic?.facts).toEqual([]);
    expect(topic?.clusters).toEqual([]);
  });
});

describe('a port and a topic in one answer: "443 through a proxy"', () => {
  it('shows the port lookup, then the proxy topic', () => {
    const message = slack('443 through a proxy');
    const first = message.blocks[0];
    expect(first?.type === 'section' && first.text?.text).toMatch(/^Port `443` is used by/);
    const titles = message.blocks.map((block) => (block.type === 'section' ? (block.text?.text ?? '') : ''));
    expect(titles).toContain('*Delegate behind a proxy*  ·  Delegate network');
    expect(slackLimitViolations(message)).toEqual([]);
    const text = terminal('443 through a proxy');
    expect(text).toMatch(/^Ports? 443 (is|are) used by/);
    expect(text).toContain('\n\nDelegate behind a proxy  (Delegate network)\n');
  });
});

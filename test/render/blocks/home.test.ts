import type { SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOverlay, OverlaySchema } from '../../../src/catalog/overlay.js';
import { answer } from '../../../src/engine/answer.js';
import { answerView } from '../../../src/render/answer-view.js';
import { renderChecklistModal } from '../../../src/render/blocks/checklist-modal.js';
import { feedbackBlock, renderFeedbackModal } from '../../../src/render/blocks/feedback.js';
import { renderHomeView } from '../../../src/render/blocks/home.js';
import { feedbackValueCodec } from '../../../src/render/blocks/payloads.js';
import { slackLimitViolations, viewLimitViolations } from '../../helpers/block-limits.js';
import { exampleOverlayText, realCatalog } from '../../helpers/catalog.js';

const catalog = realCatalog();
const command = '/harness-ports';

/** The section blocks of a Home view. */
const sectionsOf = (view: ReturnType<typeof renderHomeView>) =>
  view.blocks.filter((b): b is SectionBlock => b.type === 'section');
/** The category headings of a Home view. */
const shownHeadings = (view: ReturnType<typeof renderHomeView>) =>
  sectionsOf(view).flatMap((b) => (!b.accessory && b.text?.text.startsWith('*') ? [b.text.text] : []));

describe('the Home tab view', () => {
  it("shows what your organisation's overlay adds on a provider's row, and providers of your own", () => {
    const overlay = OverlaySchema.parse(parse(exampleOverlayText()));
    const withOverlay = applyOverlay(catalog, overlay, 'overlay.yml');
    if (Array.isArray(withOverlay)) throw new Error(JSON.stringify(withOverlay));
    const view = renderHomeView({ catalog: withOverlay, command });
    const rowOf = (id: string) =>
      sectionsOf(view).find((b) => (b.accessory as { value?: string } | undefined)?.value === id)?.text?.text;
    expect(rowOf('splunk')).toBe(
      '*Splunk*  ·  TCP 8089\n_Your organisation: Destinations: splunk.corp.example.com, 10.20.0.0/16; Owner: Observability, #observability; Note: Firewall tickets go to #netsec.; Also called: corp splunk_',
    );
    expect(rowOf('acme-artifacts')).toMatch(
      /^\*ACME Artifact Store\* {2}· {2}HTTPS 8443\n_Your organisation: Added by your organisation/,
    );
    expect(rowOf('jenkins')).toBe('*Jenkins*  ·  HTTPS 443\n_Your organisation: Destinations: 10.30.1.5_');
    expect(rowOf('nexus')).not.toContain('Your organisation');
    expect(viewLimitViolations(view as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('lists the whole real catalog, one Open row per provider: the table rows and the NextGen connectors', () => {
    const view = renderHomeView({ catalog, command });
    expect(viewLimitViolations(view as unknown as Record<string, unknown>)).toEqual([]);
    const rows = view.blocks.filter(
      (b) => b.type === 'section' && 'accessory' in b && b.accessory?.type === 'button',
    );
    expect(rows).toHaveLength(catalog.providers.length + catalog.connectors.length);
    const vault = sectionsOf(view).find(
      (b) => b.accessory?.type === 'button' && b.accessory.value === 'hashicorp-vault',
    );
    expect(vault?.text?.text).toBe(
      "*HashiCorp Vault*  ·  _NextGen_  ·  HTTPS 8200 _(the product's usual port, not stated by Harness)_",
    );
    expect(shownHeadings(view)).toEqual(
      expect.arrayContaining(['*Secret managers* (9)', '*Ticketing systems* (2)']),
    );
  });
});

describe('the modals', () => {
  it('the checklist builder and the feedback modal are within the view limits', () => {
    for (const view of [
      renderChecklistModal(),
      renderChecklistModal({ initialProviders: catalog.providers, channelId: 'C0OPS' }),
      renderFeedbackModal({ v: 'bad', q: 'x'.repeat(5000), p: catalog.providers.map((p) => p.id) }),
    ]) {
      expect(viewLimitViolations(view as unknown as Record<string, unknown>)).toEqual([]);
    }
  });
});

describe('feedback buttons', () => {
  it('carry the query and the provider ids, and are read back exactly', () => {
    const block = feedbackBlock(answerView(answer('splunk and jenkins', catalog)).feedback!);
    expect(slackLimitViolations({ text: 'x', blocks: [block] })).toEqual([]);
    const element = (block as unknown as { elements: Array<{ negative_button: { value: string } }> })
      .elements[0]!;
    expect(feedbackValueCodec.decode(element.negative_button.value)).toEqual({
      v: 'bad',
      q: 'splunk and jenkins',
      p: ['splunk', 'splunk-connector', 'jenkins', 'jenkins-connector'],
    });
  });

  it('reject values they did not make', () => {
    for (const raw of ['', 'null', '{"v":"meh","q":"x","p":[]}', '{"v":"bad","q":1,"p":[]}', 'not json']) {
      expect(feedbackValueCodec.decode(raw)).toBeUndefined();
    }
    expect(feedbackValueCodec.decode('{"v":"bad","q":"x","p":["ok-id","<!here>"]}')).toEqual({
      v: 'bad',
      q: 'x',
      p: ['ok-id'],
    });
  });
});

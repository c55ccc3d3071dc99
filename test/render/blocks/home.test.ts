import { describe, expect, it } from 'vitest';
import { answer } from '../../../src/engine/answer.js';
import { renderChecklistModal } from '../../../src/render/blocks/checklist-modal.js';
import {
  feedbackBlock,
  parseFeedbackValue,
  renderFeedbackModal,
} from '../../../src/render/blocks/feedback.js';
import { renderHomeView } from '../../../src/render/blocks/home.js';
import { hundredfoldCatalog } from '../../hardening/catalogs.js';
import { slackLimitViolations, viewLimitViolations } from '../../helpers/block-limits.js';
import { realCatalog } from '../../helpers/catalog.js';

const catalog = realCatalog();
const command = '/harness-ports';

describe('the Home tab view', () => {
  it('lists the whole real catalog, one Open row per provider', () => {
    const view = renderHomeView({ catalog, command });
    expect(viewLimitViolations(view as unknown as Record<string, unknown>)).toEqual([]);
    const rows = view.blocks.filter(
      (b) => b.type === 'section' && 'accessory' in b && b.accessory?.type === 'button',
    );
    expect(rows).toHaveLength(catalog.providers.length);
  });

  it('stays within 100 blocks for a 100x catalog with a large selected answer and the maintainers section', () => {
    const big = hundredfoldCatalog();
    const misses = {
      top: Array.from({ length: 10 }, (_, i) => ({ query: `miss ${i}`, count: 10 - i, lastAt: i })),
      total: 55,
    };
    for (const query of ['list', 'aws', '443', 'splunk jenkins nexus', 'zzqx']) {
      const view = renderHomeView({ catalog: big, command, selected: answer(query, big), misses });
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(viewLimitViolations(view as unknown as Record<string, unknown>)).toEqual([]);
      expect(JSON.stringify(view)).toContain('use the search box');
    }
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
    const block = feedbackBlock(answer('splunk and jenkins', catalog));
    expect(slackLimitViolations({ text: 'x', blocks: [block] })).toEqual([]);
    const element = (block as unknown as { elements: Array<{ negative_button: { value: string } }> })
      .elements[0]!;
    expect(parseFeedbackValue(element.negative_button.value)).toEqual({
      v: 'bad',
      q: 'splunk and jenkins',
      p: ['splunk', 'jenkins'],
    });
  });

  it('fit a button value for the longest query on the 100x catalog', () => {
    const big = hundredfoldCatalog();
    const block = feedbackBlock(answer(`list ${'y'.repeat(600)}`, big));
    expect(slackLimitViolations({ text: 'x', blocks: [block] })).toEqual([]);
    const list = feedbackBlock(answer('list', big));
    const value = (list as unknown as { elements: Array<{ positive_button: { value: string } }> })
      .elements[0]!.positive_button.value;
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(parseFeedbackValue(value)?.q).toBe('list');
  });

  it('reject values they did not make', () => {
    for (const raw of ['', 'null', '{"v":"meh","q":"x","p":[]}', '{"v":"bad","q":1,"p":[]}', 'not json']) {
      expect(parseFeedbackValue(raw)).toBeUndefined();
    }
    expect(parseFeedbackValue('{"v":"bad","q":"x","p":["ok-id","<!here>"]}')).toEqual({
      v: 'bad',
      q: 'x',
      p: ['ok-id'],
    });
  });
});

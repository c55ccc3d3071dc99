import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../src/engine/checklist.js';
import { renderChecklistItemMessages } from '../../src/render/blocks/checklist.js';
import {
  itemBlockId,
  itemBlockIdCodec,
  itemPressCodec,
  progressBlockIdCodec,
} from '../../src/render/blocks/payloads.js';
import { SLACK_LIMITS } from '../../src/render/limits.js';
import {
  decodeChecklistState,
  encodeChecklistState,
  readChecklistState,
} from '../../src/slack/checklist-ids.js';
import { providerById } from '../helpers/catalog.js';

const THREE = ['splunk', 'jenkins', 'nexus'].map(providerById);
const AT = 1732561234;

const itemIds = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => (b.block_id?.startsWith('hp_item:') ? [b.block_id] : []));

describe('checklist state kept in block ids', () => {
  it('round-trips an open and a ticked item through its block id', () => {
    expect(itemBlockId('splunk', 'port-0')).toBe('hp_item:splunk:port-0');
    expect(itemBlockIdCodec.decode('hp_item:splunk:port-0')).toEqual({
      providerId: 'splunk',
      itemKey: 'port-0',
    });
    const id = itemBlockId('aws-s3', 'permission-1', { userId: 'U0BOB', at: AT });
    expect(id).toBe(`hp_item:aws-s3:permission-1:U0BOB:${AT}`);
    expect(itemBlockIdCodec.decode(id)).toEqual({
      providerId: 'aws-s3',
      itemKey: 'permission-1',
      tick: { userId: 'U0BOB', at: AT },
    });
  });

  it('round-trips any well-formed id, within the block_id limit', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/);
    const user = fc.stringMatching(/^[UW][A-Z0-9]{2,20}$/);
    fc.assert(
      fc.property(
        part,
        part,
        fc.option(fc.record({ userId: user, at: fc.nat() }), { nil: undefined }),
        (p, k, tick) => {
          const id = itemBlockId(p, k, tick);
          expect(id.length).toBeLessThanOrEqual(SLACK_LIMITS.blockId);
          expect(itemBlockIdCodec.decode(id)).toEqual({
            providerId: p,
            itemKey: k,
            ...(tick ? { tick } : {}),
          });
        },
      ),
    );
  });

  it.each([
    '',
    'hp_item',
    'hp_item:splunk',
    'hp_item::port-0',
    'hp_item:splunk:',
    'other:splunk:port-0',
    'HP_ITEM:splunk:port-0',
    'hp_item:spl unk:port-0',
    'hp_item:splunk:port_0',
    'hp_item:splunk:port-0:U0BOB',
    'hp_item:splunk:port-0:U0BOB:',
    'hp_item:splunk:port-0:bob:1732561234',
    'hp_item:splunk:port-0:<!channel>:1732561234',
    'hp_item:splunk:port-0:U0BOB:-1',
    'hp_item:splunk:port-0:U0BOB:1.5',
    'hp_item:splunk:port-0:U0BOB:1e9',
    'hp_item:splunk:port-0:U0BOB: 12',
    'hp_item:splunk:port-0:U0BOB:0x10',
    'hp_item:splunk:port-0:U0BOB:1732561234:extra',
    'Slk1',
  ])('rejects the malformed block id %j', (blockId) => {
    expect(itemBlockIdCodec.decode(blockId)).toBeUndefined();
  });

  it('reads the state back from the blocks Slack returns, ignoring every other block', () => {
    const [message] = renderChecklistItemMessages(buildChecklist(THREE), itemBlockId);
    const fromSlack = [
      ...message!.blocks.map((block, i) => ({ block_id: `Slk${i}`, ...block })),
      { type: 'section', block_id: 'hp_item:bad id:x' },
      { type: 'divider' },
      null,
      'junk',
    ];
    const state = readChecklistState(fromSlack);
    expect(state.entries.map((e) => itemBlockId(e.providerId, e.itemKey))).toEqual(itemIds(message!.blocks));
    expect(state.entries.every((e) => e.tick === undefined)).toBe(true);
    expect(readChecklistState(undefined)).toEqual({ entries: [] });
    expect(readChecklistState({ blocks: [] })).toEqual({ entries: [] });
  });

  it("reads the message's revision from its progress block id (0 for a message as first posted)", () => {
    const [message] = renderChecklistItemMessages(buildChecklist(THREE), itemBlockId);
    expect(readChecklistState(message!.blocks).revision).toBe(0);
    const redrawn = [
      { type: 'section', block_id: progressBlockIdCodec.encode(7) },
      ...message!.blocks.slice(1),
    ];
    expect(readChecklistState(redrawn).revision).toBe(7);
    for (const bad of ['hp_progress:x', 'hp_progress:1:2', 'hp_progress:', 'hp_progress:1234567890'])
      expect(readChecklistState([{ type: 'section', block_id: bad }]).revision).toBe(0);
  });

  it('keeps a state as text for a shared store and reads back only what it wrote', () => {
    const state = {
      entries: [
        { providerId: 'splunk', itemKey: 'port-0', tick: { userId: 'U0BOB', at: 1732561234 } },
        { providerId: 'nexus', itemKey: 'permission-1' },
      ],
      revision: 3,
    };
    expect(decodeChecklistState(encodeChecklistState(state))).toEqual(state);
    for (const bad of [
      'not json',
      'null',
      '{"revision":1}',
      '{"revision":-1,"items":[]}',
      '{"revision":1,"items":["hp_item:bad id:x"]}',
      '{"revision":1,"items":[7]}',
    ])
      expect(decodeChecklistState(bad), bad).toBeUndefined();
  });

  it('reads what a press asks for from the button value', () => {
    expect(itemPressCodec.decode('done')).toBe('done');
    expect(itemPressCodec.decode('undo')).toBe('undo');
    expect(itemPressCodec.decode('splunk:port-0')).toBe('toggle');
    expect(itemPressCodec.decode(undefined)).toBe('toggle');
  });
});

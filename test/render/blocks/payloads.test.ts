import { describe, expect, it } from 'vitest';
import {
  feedbackValueCodec,
  itemBlockIdCodec,
  itemPressCodec,
  policyShareCodec,
  progressBlockIdCodec,
  providerIdsCodec,
  rulesOriginCodec,
  rulesShareCodec,
  shareValueCodec,
} from '../../../src/render/blocks/payloads.js';
import { SLACK_LIMITS } from '../../../src/render/limits.js';

/** Each codec round-trips, reads the exact text earlier versions wrote, and refuses what it did not write. */
describe('interactive payload codecs', () => {
  it('share: round-trips, reads the old format, drops a bad thread or provider, fits a button', () => {
    const value = { q: 'splunk 8089', t: '1732560000.000100', p: 'splunk' };
    expect(shareValueCodec.encode(value)).toBe('{"q":"splunk 8089","t":"1732560000.000100","p":"splunk"}');
    expect(shareValueCodec.decode(shareValueCodec.encode(value))).toEqual(value);
    expect(shareValueCodec.decode('{"q":"x","t":"soon","p":"../x"}')).toEqual({ q: 'x' });
    expect(shareValueCodec.decode('{"t":"1.2"}')).toBeUndefined();
    expect(shareValueCodec.encode({ q: '\u0001'.repeat(5000) }).length).toBeLessThanOrEqual(
      SLACK_LIMITS.buttonValue,
    );
  });

  it('feedback: round-trips, filters ids that are not ids, fits a button', () => {
    const value = { v: 'bad' as const, q: 'jenkins', p: ['jenkins', 'nexus'] };
    expect(feedbackValueCodec.encode(value)).toBe('{"v":"bad","q":"jenkins","p":["jenkins","nexus"]}');
    expect(feedbackValueCodec.decode(feedbackValueCodec.encode(value))).toEqual(value);
    expect(feedbackValueCodec.decode('{"v":"good","q":"x","p":["ok-id","<!here>"]}')).toEqual({
      v: 'good',
      q: 'x',
      p: ['ok-id'],
    });
    expect(feedbackValueCodec.decode('{"v":"meh","q":"x","p":[]}')).toBeUndefined();
    const long = { v: 'good' as const, q: 'q'.repeat(600), p: Array(200).fill('a'.repeat(60)) };
    expect(feedbackValueCodec.encode(long).length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
  });

  it('provider ids: round-trips, drops what is not an id, refuses a value with none', () => {
    expect(providerIdsCodec.encode(['aws-s3', 'splunk'])).toBe('aws-s3 splunk');
    expect(providerIdsCodec.decode('aws-s3 splunk')).toEqual(['aws-s3', 'splunk']);
    expect(providerIdsCodec.decode('splunk <!here> splunk')).toEqual(['splunk']);
    expect(providerIdsCodec.decode('')).toBeUndefined();
  });

  it('rules origin: round-trips and refuses a missing or non-user id', () => {
    const origin = {
      providerIds: ['splunk'],
      userId: 'U0ALICE',
      channelId: 'C0CHANNEL',
      threadTs: '1.2',
      responseUrl: 'https://hooks.slack.com/actions/x',
    };
    expect(rulesOriginCodec.encode(origin)).toBe(
      '{"p":"splunk","u":"U0ALICE","c":"C0CHANNEL","t":"1.2","r":"https://hooks.slack.com/actions/x"}',
    );
    expect(rulesOriginCodec.decode(rulesOriginCodec.encode(origin))).toEqual(origin);
    expect(rulesOriginCodec.decode('{"p":"splunk","u":"C0CHANNEL"}')).toBeUndefined();
    expect(rulesOriginCodec.decode('{"p":"","u":"U0ALICE"}')).toBeUndefined();
  });

  it('rules share: round-trips, Delegate-only values decode, unknown formats do not', () => {
    const value = {
      providerIds: ['splunk'],
      format: 'aws-sg' as const,
      delegate: true,
      cluster: 'Prod3',
      threadTs: '1.2',
    };
    expect(rulesShareCodec.encode(value)).toBe('{"p":"splunk","f":"aws-sg","d":1,"c":"Prod3","t":"1.2"}');
    expect(rulesShareCodec.decode(rulesShareCodec.encode(value))).toEqual(value);
    expect(rulesShareCodec.decode('{"p":"","f":"k8s","d":1}')).toEqual({
      providerIds: [],
      format: 'k8s',
      delegate: true,
    });
    expect(rulesShareCodec.decode('{"p":"","f":"k8s"}')).toBeUndefined();
    expect(rulesShareCodec.decode('{"p":"splunk","f":"nope"}')).toBeUndefined();
  });

  it('snippets share: round-trips, and gives no value when the ids do not fit a button', () => {
    const value = { providerIds: ['github', 'vault'], threadTs: '1.2' };
    expect(policyShareCodec.encode(value)).toBe('{"p":"github vault","t":"1.2"}');
    expect(policyShareCodec.decode(policyShareCodec.encode(value))).toEqual(value);
    expect(policyShareCodec.encode({ providerIds: Array(100).fill('x'.repeat(30)) })).toBeUndefined();
  });

  it('checklist ids and presses: round-trip, and forged ones do not decode', () => {
    const ticked = { providerId: 'splunk', itemKey: 'port-0', tick: { userId: 'U0BOB', at: 1732561234 } };
    expect(itemBlockIdCodec.encode(ticked)).toBe('hp_item:splunk:port-0:U0BOB:1732561234');
    expect(itemBlockIdCodec.decode(itemBlockIdCodec.encode(ticked))).toEqual(ticked);
    expect(itemBlockIdCodec.decode('hp_item:splunk:port-0')).toEqual({
      providerId: 'splunk',
      itemKey: 'port-0',
    });
    expect(itemBlockIdCodec.decode('hp_item:splunk:port-0:U0BOB')).toBeUndefined();
    expect(itemBlockIdCodec.decode('hp_item:splunk:port-0:U0BOB:1:extra')).toBeUndefined();
    expect(progressBlockIdCodec.decode(progressBlockIdCodec.encode(7))).toBe(7);
    expect(progressBlockIdCodec.decode('hp_progress:x')).toBeUndefined();
    expect(itemPressCodec.decode(itemPressCodec.encode('undo'))).toBe('undo');
    expect(itemPressCodec.decode('splunk:port-0')).toBe('toggle');
  });
});

import { z } from 'zod';
import type { ItemPress, ItemState, Tick } from '../../engine/checklist-state.js';
import { isRuleFormat, type RuleFormat } from '../../engine/rules.js';
import { SLACK_USER_ID } from '../escape.js';
import { SLACK_LIMITS, truncate } from '../limits.js';
import {
  CHECKLIST_ITEM_BLOCK_PREFIX,
  CHECKLIST_PROGRESS_BLOCK_PREFIX,
  PROVIDER_ID,
  THREAD_TS,
} from './ids.js';

/**
 * Every value the bot writes into a Slack payload and reads back when someone presses it: button
 * values, block ids and modals' `private_metadata`. One codec per kind, each a zod schema with its
 * encoder and decoder side by side, so what a button carries and what its listener reads cannot
 * drift apart. Render builds the buttons with `encode`; src/slack reads them with `decode`, which
 * returns undefined (never throws) for anything the encoder did not write: a message posted by an
 * older version, or a forged payload. The formats are the ones earlier versions wrote, so messages
 * already in Slack keep working; every encoder stays within Slack's limits (../limits.ts).
 */
export interface PayloadCodec<T> {
  /** What the payload is, in the words of the log line an undecodable one gets. */
  readonly kind: string;
  encode(value: T): string;
  decode(raw: unknown): T | undefined;
}

/** JSON text, parsed; undefined for anything else. */
function json(raw: unknown): unknown {
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function decodeWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** An optional field that is dropped, not refused, when it does not look right (as it always was). */
const lenient = <S extends z.ZodType>(schema: S) => schema.optional().catch(undefined);

const threadTs = z.string().regex(THREAD_TS);
const providerId = z.string().regex(PROVIDER_ID);
const userId = z.string().regex(SLACK_USER_ID);
const channelId = z.string().regex(/^[A-Z0-9]{2,30}$/);
const responseUrl = z.string().regex(/^https:\/\/[^\s]+$/);
const ruleFormat = z.string().refine((f): f is RuleFormat => isRuleFormat(f));

/** Drops the keys whose value is undefined, so a decoded value equals what was encoded. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Provider ids in a button value or metadata: space-separated, so 30 ids of 64 characters still fit. */
export function idsText(providerIds: readonly string[]): string {
  return providerIds.join(' ');
}

/** Reads provider ids back; anything that is not an id is dropped (each is checked against the catalog after). */
export function parseProviderIds(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  return [...new Set(raw.split(' ').filter((id) => PROVIDER_ID.test(id)))];
}

const providerIdsText = z.string().transform(parseProviderIds);

/** "Firewall rules" and "Permission snippets": the value is the providers' ids. */
export const providerIdsCodec: PayloadCodec<readonly string[]> = {
  kind: 'provider ids button',
  encode: idsText,
  decode(raw) {
    const ids = parseProviderIds(raw);
    return ids.length ? ids : undefined;
  },
};

/** What "Share in channel" under a private answer carries: the query, its thread, the card's provider. */
export interface ShareValue {
  q: string;
  /** The thread the private answer is in, so the shared copy goes there too. */
  t?: string;
  /** The provider whose card this was (a card opened from a list shares as that card). */
  p?: string;
}

const shareSchema = z.object({ q: z.string(), t: lenient(threadTs), p: lenient(providerId) });

export const shareValueCodec: PayloadCodec<ShareValue> = {
  kind: 'share button',
  /** JSON can be up to 6 times longer than the text (control characters): the query is cut until the whole value fits, never into invalid JSON. */
  encode(value) {
    const thread = {
      ...(value.t ? { t: value.t } : {}),
      ...(value.p ? { p: truncate(value.p, 100) } : {}),
    };
    let q = truncate(value.q, 1500);
    const text = () => JSON.stringify({ q, ...thread });
    let encoded = text();
    while (encoded.length > SLACK_LIMITS.buttonValue) {
      q = truncate(q, q.length >> 1);
      encoded = text();
    }
    return encoded;
  },
  decode: (raw) => {
    const value = decodeWith(shareSchema, json(raw));
    return value && defined(value);
  },
};

/** What a feedback button carries: which button, the query, and the ids of the providers answered. */
export interface FeedbackValue {
  v: 'good' | 'bad';
  q: string;
  p: string[];
}

const feedbackSchema = z.object({
  v: z.enum(['good', 'bad']),
  q: z.string(),
  p: z
    .array(z.unknown())
    .transform((ids) => ids.filter((id): id is string => providerId.safeParse(id).success)),
});

/** A feedback button's value and the 👎 modal's private_metadata. */
export const feedbackValueCodec: PayloadCodec<FeedbackValue> = {
  kind: 'feedback button',
  /** Shrinks the query, then the provider list, until the value's JSON fits a button value. */
  encode(value) {
    let { q, p } = value;
    q = truncate(q, 500);
    const text = () => JSON.stringify({ v: value.v, q, p });
    let encoded = text();
    while (encoded.length > SLACK_LIMITS.buttonValue && p.length > 0) {
      p = p.slice(0, p.length >> 1);
      encoded = text();
    }
    while (encoded.length > SLACK_LIMITS.buttonValue) {
      q = truncate(q, q.length >> 1);
      encoded = text();
    }
    return encoded;
  },
  decode: (raw) => decodeWith(feedbackSchema, json(raw)),
};

/** Where "Firewall rules" was pressed, so the rules come back there: carried by the modal's private_metadata. */
export interface RulesOrigin {
  providerIds: string[];
  userId: string;
  channelId?: string;
  threadTs?: string;
  /** The pressed button's response_url (a modal submission has none of its own). */
  responseUrl?: string;
}

const rulesOriginSchema = z
  .object({
    p: providerIdsText.refine((ids) => ids.length > 0),
    u: userId,
    c: lenient(channelId),
    t: lenient(threadTs),
    r: lenient(responseUrl),
  })
  .transform(({ p, u, c, t, r }) =>
    defined({ providerIds: p, userId: u, channelId: c, threadTs: t, responseUrl: r }),
  );

export const rulesOriginCodec: PayloadCodec<RulesOrigin> = {
  kind: 'firewall rules form metadata',
  /**
   * At most 3000 characters: provider ids (at most a checklist's 30, 64 characters each, fit a
   * button value, so they fit here), user, channel, thread and response URL. Should it still not
   * fit, the response URL is left out: the rules then come back with chat.postEphemeral.
   */
  encode(origin) {
    const base = {
      p: idsText(origin.providerIds),
      u: origin.userId,
      ...(origin.channelId ? { c: origin.channelId } : {}),
      ...(origin.threadTs ? { t: origin.threadTs } : {}),
    };
    const full = JSON.stringify({ ...base, ...(origin.responseUrl ? { r: origin.responseUrl } : {}) });
    return full.length <= SLACK_LIMITS.privateMetadata ? full : JSON.stringify(base);
  },
  decode: (raw) => decodeWith(rulesOriginSchema, json(raw)),
};

/** What "Share in channel" under private firewall rules carries: providers, format, the Delegate's own egress and its cluster, thread. */
export interface RulesShareValue {
  providerIds: string[];
  format: RuleFormat;
  delegate: boolean;
  cluster?: string;
  threadTs?: string;
}

const rulesShareSchema = z
  .object({
    p: providerIdsText,
    f: ruleFormat,
    d: z.unknown().transform((d) => d === 1),
    c: lenient(z.string().min(1)),
    t: lenient(threadTs),
  })
  .refine(({ p, d }) => p.length > 0 || d)
  .transform(({ p, f, d, c, t }) =>
    defined({ providerIds: p, format: f as RuleFormat, delegate: d, cluster: c, threadTs: t }),
  );

/** Encoding a value that does not fit a button value gives undefined: then there is no button. */
export interface FittingCodec<T> extends Omit<PayloadCodec<T>, 'encode'> {
  encode(value: T): string | undefined;
}

export const rulesShareCodec: FittingCodec<RulesShareValue> = {
  kind: 'share rules button',
  encode(value) {
    const text = JSON.stringify({
      p: idsText(value.providerIds),
      f: value.format,
      ...(value.delegate ? { d: 1 } : {}),
      ...(value.cluster ? { c: value.cluster } : {}),
      ...(value.threadTs ? { t: value.threadTs } : {}),
    });
    return text.length <= SLACK_LIMITS.buttonValue ? text : undefined;
  },
  decode: (raw) => decodeWith(rulesShareSchema, json(raw)),
};

/** What "Share in channel" under private permission snippets carries: the providers, and the thread. */
export interface PolicyShareValue {
  providerIds: string[];
  threadTs?: string;
}

const policyShareSchema = z
  .object({ p: providerIdsText.refine((ids) => ids.length > 0), t: lenient(threadTs) })
  .transform(({ p, t }) => defined({ providerIds: p, threadTs: t }));

export const policyShareCodec: FittingCodec<PolicyShareValue> = {
  kind: 'share snippets button',
  encode(value) {
    const text = JSON.stringify({
      p: idsText(value.providerIds),
      ...(value.threadTs ? { t: value.threadTs } : {}),
    });
    return text.length <= SLACK_LIMITS.buttonValue ? text : undefined;
  },
  decode: (raw) => decodeWith(policyShareSchema, json(raw)),
};

const idPart = z.string().regex(/^[A-Za-z0-9-]+$/);

/**
 * A checklist lives in Slack messages, not in process memory: each item's block id holds its state
 * (`hp_item:<provider>:<item>[:<user>:<epoch>]`), so any app instance can redraw a message from the
 * message alone when someone ticks an item.
 */
const itemBlockIdSchema = z
  .string()
  .transform((id) => id.split(':'))
  .pipe(
    z.union([
      z.tuple([z.literal(CHECKLIST_ITEM_BLOCK_PREFIX), idPart, idPart]),
      z.tuple([
        z.literal(CHECKLIST_ITEM_BLOCK_PREFIX),
        idPart,
        idPart,
        userId,
        z.string().regex(/^\d{1,12}$/),
      ]),
    ]),
  )
  .transform(
    ([, providerId, itemKey, userId, at]): ItemState =>
      userId === undefined
        ? { providerId, itemKey }
        : { providerId, itemKey, tick: { userId, at: Number(at) } },
  );

export const itemBlockIdCodec: PayloadCodec<ItemState> = {
  kind: 'checklist item',
  encode({ providerId, itemKey, tick }) {
    const parts = [CHECKLIST_ITEM_BLOCK_PREFIX, providerId, itemKey];
    if (tick) parts.push(tick.userId, String(tick.at));
    return parts.join(':');
  },
  decode: (raw) => decodeWith(itemBlockIdSchema, raw),
};

/** The block id that carries one item's state; the checklist renderer is given this to write it. */
export function itemBlockId(providerId: string, itemKey: string, tick?: Tick): string {
  return itemBlockIdCodec.encode({ providerId, itemKey, ...(tick ? { tick } : {}) });
}

/**
 * The progress line's block id (`hp_progress:<revision>`) counts the presses an item message has
 * taken, so a copy of the state kept elsewhere (src/slack/store.ts) can be told from a newer message.
 */
export const progressBlockIdCodec: PayloadCodec<number> = {
  kind: 'checklist progress',
  encode: (revision) => `${CHECKLIST_PROGRESS_BLOCK_PREFIX}:${revision}`,
  decode: (raw) =>
    decodeWith(
      z
        .string()
        .transform((id) => id.split(':'))
        .pipe(z.tuple([z.literal(CHECKLIST_PROGRESS_BLOCK_PREFIX), z.string().regex(/^\d{1,9}$/)]))
        .transform(([, revision]) => Number(revision)),
      raw,
    ),
};

/**
 * A checklist item's button value: "done" or "undo". Buttons of older messages carried other
 * values, which still toggle the item, so every value decodes.
 */
export const itemPressCodec: PayloadCodec<ItemPress> = {
  kind: 'checklist item button',
  encode: (press) => (press === 'toggle' ? 'done' : press),
  decode: (raw) => (raw === 'done' || raw === 'undo' ? raw : 'toggle'),
};

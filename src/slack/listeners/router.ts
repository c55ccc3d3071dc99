import {
  type AllMiddlewareArgs,
  type AnyMiddlewareArgs,
  type BlockAction,
  type Middleware,
  MultipleListenerError,
  type OptionsSource,
  type SlackAction,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type SlackOptionsMiddlewareArgs,
  type SlackShortcutMiddlewareArgs,
  type SlackViewMiddlewareArgs,
} from '@slack/bolt';

/** A listener: Bolt's arguments for its kind of request, as `app.command()` & co. would pass them. */
export type Handler<Args> = (args: Args & AllMiddlewareArgs) => Promise<void>;

/** A route as stored: it checks which kind of request it got before handing it to its listener. */
type AnyHandler = (args: RouterArgs) => Promise<void>;
type RouterArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Events Bolt's `ignoreSelf` keeps even when the bot user is the one who acted. */
const SELF_EVENTS_KEPT = new Set(['member_joined_channel', 'member_left_channel']);

/**
 * One dispatcher for every request, in place of one Bolt listener per action id, event type,
 * view… Bolt runs every registered listener's matching middleware on every request (each a copy of
 * the listener chain, a spread of the arguments and a few promises), which cost the bot about 1.4x
 * a bare Bolt app's CPU per slash command. Here a request costs one map lookup on its id, and the
 * handler gets exactly the arguments a Bolt listener would. Kept after the `npm run bench` of
 * 2026-12-07 08:02 UTC (shared machine, load 2.9; figures are ratios within that run):
 * the whole bot acks a slash command for 0.226 ms of server CPU against bare Bolt's 0.207 (1.09x), p99 at
 * concurrency 8 0.61x bare Bolt's, throughput 0.854x. The bench compares the whole bot with bare Bolt, not
 * this part with Bolt's own, so the part's own figure is still the A/B above (bench/BASELINE.md).
 * The self-event filter's own A/B against Bolt's `ignoreSelf` is beside it (isFromSelf, below).
 *
 * Register with the same shapes as Bolt (`router.action(id, handler)` instead of
 * `app.action(id, handler)`); the matching rules are Bolt's own:
 * - `command(pattern)`: slash commands whose name matches; the first matching pattern wins.
 * - `event(type)`: Events API events of that type. Like Bolt's `ignoreSelf` (turned off in the
 *   app, done here instead), events by the bot's own user, and `bot_message`s from its bot id, are
 *   dropped (except `member_joined_channel`/`member_left_channel`).
 * - `action(actionId)`: block actions (`body.actions[0].action_id`).
 * - `options(actionId)`: `block_suggestion` requests for an external select.
 * - `view(callbackId, type)`: `view_submission` (default) or `view_closed`, by the view's callback id.
 * - `shortcut(callbackId)`: global and message shortcuts, by callback id.
 * One handler per id: registering an id twice throws at start. Every request, handled here or not,
 * then goes on to anything added to the app after the router and to Bolt's own listeners (e.g.
 * `app.function()`), so those still work; with none, that costs next to nothing.
 */
export class Router {
  private readonly commands: Array<{ pattern: RegExp; handler: AnyHandler }> = [];
  private readonly events = new Map<string, AnyHandler>();
  private readonly actions = new Map<string, AnyHandler>();
  private readonly optionLists = new Map<string, AnyHandler>();
  private readonly views = new Map<string, AnyHandler>();
  private readonly shortcuts = new Map<string, AnyHandler>();

  command(pattern: RegExp, handler: Handler<SlackCommandMiddlewareArgs>): this {
    this.commands.push({ pattern, handler: (args) => (isCommand(args) ? handler(args) : args.next()) });
    return this;
  }

  event<T extends string>(type: T, handler: Handler<SlackEventMiddlewareArgs<T>>): this {
    return this.add(this.events, 'event', type, (args) =>
      isEvent<T>(args, type) ? handler(args) : args.next(),
    );
  }

  action<A extends SlackAction = BlockAction>(
    actionId: string,
    handler: Handler<SlackActionMiddlewareArgs<A>>,
  ): this {
    return this.add(this.actions, 'action', actionId, (args) =>
      isAction<A>(args) ? handler(args) : args.next(),
    );
  }

  options<Source extends OptionsSource = 'block_suggestion'>(
    actionId: string,
    handler: Handler<SlackOptionsMiddlewareArgs<Source>>,
  ): this {
    return this.add(this.optionLists, 'options', actionId, (args) =>
      isOptions<Source>(args) ? handler(args) : args.next(),
    );
  }

  view(
    callbackId: string,
    handler: Handler<SlackViewMiddlewareArgs>,
    type: 'view_submission' | 'view_closed' = 'view_submission',
  ): this {
    return this.add(this.views, 'view', `${type} ${callbackId}`, (args) =>
      isView(args) ? handler(args) : args.next(),
    );
  }

  shortcut(callbackId: string, handler: Handler<SlackShortcutMiddlewareArgs>): this {
    return this.add(this.shortcuts, 'shortcut', callbackId, (args) =>
      isShortcut(args) ? handler(args) : args.next(),
    );
  }

  /** The global middleware that dispatches; register it last, after the other global middleware. */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
      if ('event' in args && args.event && isFromSelf(args)) return;
      const handler = this.find(args);
      if (!handler) return args.next();
      // Middleware and listeners added to the app after the router (tests add some) still run,
      // alongside the handler as Bolt runs its listeners, and their failures are reported alike.
      const [own, rest] = await Promise.allSettled([handler(args), args.next()]);
      if (own.status === 'rejected' && rest.status === 'rejected') {
        throw new MultipleListenerError([own.reason, rest.reason]);
      }
      if (own.status === 'rejected') throw own.reason;
      if (rest.status === 'rejected') throw rest.reason;
    };
  }

  private add(table: Map<string, AnyHandler>, kind: string, key: string, handler: AnyHandler): this {
    if (table.has(key)) throw new Error(`${kind} "${key}" has two handlers`);
    table.set(key, handler);
    return this;
  }

  private find(args: RouterArgs): AnyHandler | undefined {
    if ('command' in args && args.command) {
      const name = args.command.command;
      return this.commands.find((route) => route.pattern.test(name))?.handler;
    }
    if ('event' in args && args.event) {
      return this.events.get(args.event.type);
    }
    if ('action' in args && args.action) {
      const { action } = args;
      return 'action_id' in action && action.action_id !== undefined
        ? this.actions.get(action.action_id)
        : undefined;
    }
    if ('options' in args && args.options) {
      const { options } = args;
      return 'action_id' in options && typeof options.action_id === 'string'
        ? this.optionLists.get(options.action_id)
        : undefined;
    }
    if ('view' in args && args.view) {
      return this.views.get(`${args.body.type} ${args.view.callback_id}`);
    }
    if ('shortcut' in args && args.shortcut) {
      return this.shortcuts.get(args.shortcut.callback_id);
    }
    return undefined;
  }
}

/**
 * Bolt's `ignoreSelf`, for events: the bot's own posts and its bot user's own events. Done here for
 * speed only (it drops the same events): Bolt runs `ignoreSelf` as one more global middleware on
 * every request. Kept after the `npm run bench` of 2026-12-07 12:37 UTC (shared 2-core machine, load
 * average 3.4): in its parts section (bench/parts.js), a Bolt App with this router processed a user's
 * app_mention for 9.4 µs of CPU, against 13.2 µs with `ignoreSelf: true` in front of it (0.71x,
 * median of the paired rounds); it dropped the bot's own message for 7.8 µs against 7.9 (0.98x:
 * either way one global middleware runs, then nothing).
 */
function isFromSelf(args: RouterArgs & { event: { type: string } }): boolean {
  const { botId, botUserId } = args.context;
  const event = args.event as { type: string; subtype?: string; bot_id?: string; user?: string };
  if (event.type === 'message' && event.subtype === 'bot_message' && event.bot_id === botId) return true;
  return botUserId !== undefined && event.user === botUserId && !SELF_EVENTS_KEPT.has(event.type);
}

/*
 * Which kind of request a route was given. A route is found by the request's kind and id (find()),
 * so the guard holds whenever a route runs; it is what lets a listener typed for its kind receive
 * the request without a cast. The id-level parameters (an action's or an option source's type, an
 * event's type) are the ones the route was registered with, as with Bolt's own listeners.
 */
function isCommand(args: RouterArgs): args is SlackCommandMiddlewareArgs & AllMiddlewareArgs {
  return 'command' in args && args.command !== undefined;
}

function isEvent<T extends string>(
  args: RouterArgs | (SlackEventMiddlewareArgs<T> & AllMiddlewareArgs),
  type: T,
): args is SlackEventMiddlewareArgs<T> & AllMiddlewareArgs {
  return 'event' in args && args.event !== undefined && args.event.type === type;
}

function isAction<A extends SlackAction>(
  args: RouterArgs,
): args is SlackActionMiddlewareArgs<A> & AllMiddlewareArgs {
  return 'action' in args && args.action !== undefined;
}

function isOptions<Source extends OptionsSource>(
  args: RouterArgs | (SlackOptionsMiddlewareArgs<Source> & AllMiddlewareArgs),
): args is SlackOptionsMiddlewareArgs<Source> & AllMiddlewareArgs {
  return 'options' in args && args.options !== undefined;
}

function isView(args: RouterArgs): args is SlackViewMiddlewareArgs & AllMiddlewareArgs {
  return 'view' in args && args.view !== undefined;
}

function isShortcut(args: RouterArgs): args is SlackShortcutMiddlewareArgs & AllMiddlewareArgs {
  return 'shortcut' in args && args.shortcut !== undefined;
}

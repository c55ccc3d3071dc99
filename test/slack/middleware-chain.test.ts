import { type AnyMiddlewareArgs, App, type Middleware } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { chainMiddleware } from '../../src/slack/middleware-chain.js';
import { BOT_TOKEN, SIGNING_SECRET, slashCommand } from '../helpers/slack.js';

/** A Bolt app with no receiver started: requests go straight to processEvent, as the receiver sends them. */
function appWith(middleware: Middleware<AnyMiddlewareArgs>, listener?: () => void): App {
  const app = new App({
    authorize: async () => ({ botToken: BOT_TOKEN }),
    signingSecret: SIGNING_SECRET,
    receiver: { init: () => {}, start: async () => undefined, stop: async () => undefined },
  });
  app.use(middleware);
  app.command('/harness-ports', async ({ ack }) => {
    listener?.();
    await ack();
  });
  return app;
}

const run = async (app: App) => {
  const acks: unknown[] = [];
  await app.processEvent({
    body: { ...slashCommand('splunk') },
    ack: async (response) => {
      acks.push(response);
    },
  });
  return acks;
};

describe('chainMiddleware', () => {
  it('runs the middleware in order, each around the next, and then Bolt’s listeners', async () => {
    const trail: string[] = [];
    const step =
      (name: string): Middleware<AnyMiddlewareArgs> =>
      async (args) => {
        trail.push(`${name} in ${'command' in args ? args.command.text : ''}`);
        const { next } = args;
        await next();
        trail.push(`${name} out`);
      };
    const app = appWith(chainMiddleware(step('a'), step('b'), step('c')), () => trail.push('listener'));
    await run(app);
    expect(trail).toEqual([
      'a in splunk',
      'b in splunk',
      'c in splunk',
      'listener',
      'c out',
      'b out',
      'a out',
    ]);
  });

  it('stops where a middleware does not call next: nothing after it runs', async () => {
    const trail: string[] = [];
    const stop: Middleware<AnyMiddlewareArgs> = async (args) => {
      trail.push('stop');
      if ('command' in args) await args.ack({ text: 'stopped' });
    };
    const later: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
      trail.push('later');
      await next();
    };
    const acks = await run(appWith(chainMiddleware(stop, later), () => trail.push('listener')));
    expect(trail).toEqual(['stop']);
    expect(acks).toEqual([{ text: 'stopped' }]);
  });

  it('refuses a second next() from one middleware, as Bolt does', async () => {
    const twice: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
      await next();
      await next();
    };
    let listened = 0;
    const app = appWith(chainMiddleware(twice), () => listened++);
    const errors: unknown[] = [];
    app.error(async (error) => {
      errors.push(error);
    });
    await run(app);
    expect(listened).toBe(1);
    expect(String(errors[0])).toContain('next() called multiple times');
  });

  it('never writes to Bolt’s arguments object (a write kept whole requests alive through V8 scavenges)', async () => {
    const seen: unknown[] = [];
    const step: Middleware<AnyMiddlewareArgs> = async (args) => {
      seen.push(args);
      await args.next();
    };
    let boltNextCalls = 0;
    const boltArgs = Object.freeze({
      ...({ body: slashCommand('splunk') } as unknown as Parameters<Middleware<AnyMiddlewareArgs>>[0]),
      next: async () => {
        boltNextCalls++;
      },
    });
    // Frozen: a write throws (ES modules are strict), as the chain's old `args.next = …` would.
    await chainMiddleware(step, step)(boltArgs);
    expect(boltNextCalls).toBe(1);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(boltArgs);
    expect(seen[1]).not.toBe(seen[0]);
    expect((seen[0] as { body: unknown }).body).toBe(boltArgs.body);
  });
});

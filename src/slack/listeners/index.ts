import type { ListenerDeps } from '../context.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as functions from './functions/index.js';
import * as options from './options/index.js';
import { Router } from './router.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

/**
 * Every listener of the app, in one router (see router.ts for why: Bolt's per-listener matching
 * was most of the bot's CPU per request). Each kind has a folder whose index.ts registers its
 * handlers on the router with Bolt's shapes (`router.action(ACTION_IDS.x, handler)`,
 * `router.view(CALLBACK_IDS.y, handler)`, `router.event('app_home_opened', handler)`…). Nothing
 * calls `app.action()`/`app.event()`/`app.function()`…: Bolt has no listener of its own to match.
 */
export function createRouter(deps: ListenerDeps): Router {
  const router = new Router();
  commands.register(router, deps);
  events.register(router, deps);
  actions.register(router, deps);
  options.register(router, deps);
  shortcuts.register(router, deps);
  views.register(router, deps);
  functions.register(router, deps);
  return router;
}

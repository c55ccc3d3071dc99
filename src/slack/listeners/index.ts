import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';

/** Registers every listener of the app. */
export function registerListeners(app: App, deps: ListenerDeps) {
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
}

import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { harnessPortsCommand } from './harness-ports.js';

/** The app has one slash command; whatever name it was installed under, it is answered. */
export function register(app: App, deps: ListenerDeps) {
  app.command(/^\/\S+$/, harnessPortsCommand(deps));
}

import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { harnessPortsCommand } from './harness-ports.js';

export function register(app: App, deps: ListenerDeps) {
  app.command(deps.command, harnessPortsCommand(deps));
}

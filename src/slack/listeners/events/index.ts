import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { appMention } from './app-mention.js';
import { directMessage } from './direct-message.js';

export function register(app: App, deps: ListenerDeps) {
  app.event('app_mention', appMention(deps));
  app.event('message', directMessage(deps));
}

import type { ListenerDeps } from '../../context.js';
import type { Router } from '../router.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { directMessage } from './direct-message.js';
import { appUninstalled, tokensRevoked } from './installation-revoked.js';

export function register(router: Router, deps: ListenerDeps) {
  router.event('app_mention', appMention(deps));
  router.event('message', directMessage(deps));
  router.event('app_home_opened', appHomeOpened(deps));
  router.event('app_uninstalled', appUninstalled(deps));
  router.event('tokens_revoked', tokensRevoked(deps));
}

import type { BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../render/blocks/ids.js';
import type { ListenerDeps } from '../../context.js';
import type { Router } from '../router.js';
import { openProvider } from './open-provider.js';
import { shareAnswer } from './share.js';
import { tickItem } from './tick-item.js';

export function register(router: Router, deps: ListenerDeps) {
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.share, shareAnswer(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.openProvider, openProvider(deps));
  router.action<BlockAction<StaticSelectAction>>(ACTION_IDS.openProviderSelect, openProvider(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.tickItem, tickItem(deps));
}

import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../render/blocks/ids.js';
import type { ListenerDeps } from '../../context.js';
import { openProvider } from './open-provider.js';
import { shareAnswer } from './share.js';
import { tickItem } from './tick-item.js';

export function register(app: App, deps: ListenerDeps) {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, shareAnswer(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.openProvider, openProvider(deps));
  app.action<BlockAction<StaticSelectAction>>(ACTION_IDS.openProviderSelect, openProvider(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.tickItem, tickItem(deps));
}

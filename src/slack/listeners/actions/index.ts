import type {
  BlockAction,
  ButtonAction,
  ExternalSelectAction,
  FeedbackButtonsAction,
  StaticSelectAction,
} from '@slack/bolt';
import { ACTION_IDS } from '../../../render/blocks/ids.js';
import type { ListenerDeps } from '../../context.js';
import type { Router } from '../router.js';
import { feedback } from './feedback.js';
import { openFirewallRules } from './firewall-rules.js';
import { homeSearch, newChecklist } from './home.js';
import { openProvider } from './open-provider.js';
import { sendPermissionSnippets } from './permission-snippets.js';
import { shareAnswer } from './share.js';
import { sharePolicy } from './share-policy.js';
import { shareRules } from './share-rules.js';
import { tickItem } from './tick-item.js';

export function register(router: Router, deps: ListenerDeps) {
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.share, shareAnswer(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.openProvider, openProvider(deps));
  router.action<BlockAction<StaticSelectAction>>(ACTION_IDS.openProviderSelect, openProvider(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.tickItem, tickItem(deps));
  router.action<BlockAction<ExternalSelectAction>>(ACTION_IDS.homeSearch, homeSearch(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.newChecklist, newChecklist(deps));
  router.action<BlockAction<FeedbackButtonsAction>>(ACTION_IDS.feedback, feedback(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.firewallRules, openFirewallRules(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.shareRules, shareRules(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.permissionSnippets, sendPermissionSnippets(deps));
  router.action<BlockAction<ButtonAction>>(ACTION_IDS.sharePolicy, sharePolicy(deps));
}

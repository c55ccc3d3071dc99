import { CALLBACK_IDS } from '../../../render/blocks/ids.js';
import type { ListenerDeps } from '../../context.js';
import type { Router } from '../router.js';
import { checklistSubmitted } from './checklist-submitted.js';
import { feedbackSubmitted } from './feedback-submitted.js';
import { rulesSubmitted } from './rules-submitted.js';

export function register(router: Router, deps: ListenerDeps) {
  router.view(CALLBACK_IDS.checklistModal, checklistSubmitted(deps));
  router.view(CALLBACK_IDS.feedbackModal, feedbackSubmitted(deps));
  router.view(CALLBACK_IDS.rulesModal, rulesSubmitted(deps));
}

import type { ListenerDeps } from '../../context.js';
import type { Router } from '../router.js';
import { harnessPortsCommand } from './harness-ports.js';

/** The app has one slash command; whatever name it was installed under, it is answered. */
export function register(router: Router, deps: ListenerDeps) {
  router.command(/^\/\S+$/, harnessPortsCommand(deps));
}

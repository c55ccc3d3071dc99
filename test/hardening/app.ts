import type { WebApiPolicy } from '../../src/slack/web-api-policy.js';
import { realCatalog } from '../helpers/catalog.js';
import { type RunningTestApp, startTestApp } from '../helpers/slack.js';

/** The real Bolt app and HTTP receiver in this process, with the options the hardening tests vary. */

export type HardeningApp = RunningTestApp;

/**
 * startTestApp with a logger that redacts nothing unless told to (so a test can prove a secret is
 * never even handed to the logger), and optionally shorter Slack timeouts.
 */
export function startHardeningApp(
  options: { webApiPolicy?: Partial<WebApiPolicy>; redact?: string[] } = {},
): Promise<HardeningApp> {
  return startTestApp(realCatalog(), { ...options, redact: options.redact ?? [] });
}

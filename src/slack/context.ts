import type { Logger } from '@slack/bolt';
import type { Catalog } from '../catalog/schema.js';

/** What every listener needs, passed in once: no globals, no env reads. */
export interface ListenerDeps {
  catalog: Catalog;
  logger: Logger;
  /** The slash command as configured in the manifest. */
  command: string;
  /** Clock in seconds, replaceable in tests. */
  now: () => number;
}

export const SLASH_COMMAND = '/harness-ports';

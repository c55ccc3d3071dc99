import type { Catalog } from '../catalog/schema.js';
import { answer } from './answer.js';
import type { Answer } from './types.js';

/**
 * What a message mentions (the "Look up ports" message shortcut): the engine's answer to the
 * message's text, read as a lookup, never as a request. A message saying "checklist" is not asking
 * the bot for one, and its ordinary words are not typos worth reporting once something was found
 * (a provider, a port or a topic of the Delegate's network). Undefined when it mentions none.
 */
export function mentionedIn(text: string, catalog: Catalog): Answer | undefined {
  const result = answer(text, catalog);
  if (result.matches.length === 0 && !result.topics?.length) return undefined;
  return {
    ...result,
    intent:
      result.intent !== 'checklist'
        ? result.intent
        : result.matches.every((m) => m.matchedBy === 'port')
          ? 'port'
          : 'provider',
    unmatched: [],
    suggestions: [],
    invalidPorts: [],
  };
}

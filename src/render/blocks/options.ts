import type { Option } from '@slack/types';
import type { Suggestion } from '../../engine/typeahead.js';
import { SLACK_LIMITS } from '../limits.js';
import { option } from './kit.js';

/** Typeahead suggestions as the options of an external select, within Slack's limits (100 options). */
export function suggestionOptions(suggestions: readonly Suggestion[]): Option[] {
  return suggestions.slice(0, SLACK_LIMITS.externalSelectOptions).map((s) => option(s.label, s.query));
}

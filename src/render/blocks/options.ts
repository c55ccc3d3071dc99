import type { Option } from '@slack/types';
import type { Suggestion } from '../../engine/typeahead.js';
import { SLACK_LIMITS, truncate } from '../limits.js';

/** Typeahead suggestions as the options of an external select, within Slack's limits (100 options). */
export function suggestionOptions(suggestions: readonly Suggestion[]): Option[] {
  return suggestions.slice(0, SLACK_LIMITS.externalSelectOptions).map((s) => ({
    text: { type: 'plain_text', text: truncate(s.label, SLACK_LIMITS.selectOptionText) },
    value: truncate(s.query, SLACK_LIMITS.optionValue),
  }));
}

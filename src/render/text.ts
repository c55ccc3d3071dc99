import { CATEGORY_LABELS, type Provider } from '../catalog/schema.js';
import { buildChecklist } from '../engine/checklist.js';
import { permissionText } from '../engine/permissions.js';
import type { Answer } from '../engine/types.js';
import { ORGANISATION_HEADING, organisationLines, organisationSummary } from './organisation.js';
import { topicsText } from './topic-text.js';
import {
  ABOUT_TEXT,
  categoryText,
  compactLineText,
  focusLines,
  HELP_EXAMPLES,
  highlightedPorts,
  isCompact,
  listText,
  namesText,
  noMatchText,
  portLineText,
  scopeName,
  smallTalkText,
} from './wording.js';

/** Plain-text answers for the terminal (CLI and local console). */

function providerText(provider: Provider, highlightPorts: readonly number[] = []): string {
  const lines = [`${provider.name}  (${categoryText(provider)})`, '  Permissions'];
  for (const permission of provider.permissions) lines.push(`    - ${permissionText(permission)}`);
  lines.push('  Ports');
  for (const rule of provider.ports) {
    const mark = highlightPorts.includes(rule.port) ? '>' : '-';
    lines.push(`    ${mark} ${portLineText(rule)}`);
  }
  if (provider.portNote) lines.push(`    - ${provider.portNote}`);
  if (provider.references.length) {
    lines.push('  References');
    for (const ref of provider.references) lines.push(`    - ${ref.title}: ${ref.url}`);
  }
  for (const note of provider.notes) lines.push(`  Note: ${note}`);
  const organisation = organisationLines(provider);
  if (organisation.length)
    lines.push(`  ${ORGANISATION_HEADING}`, ...organisation.map((line) => `    - ${line}`));
  return lines.join('\n');
}

function suggestionText(result: Answer): string {
  return result.suggestions.length ? `Did you mean: ${namesText(result.suggestions, 'or')}?` : '';
}

function unmatchedText(result: Answer): string[] {
  const lines: string[] = [];
  if (result.unmatched.length)
    lines.push(`Not recognised: ${result.unmatched.join(', ')}. ${suggestionText(result)}`.trim());
  if (result.invalidPorts.length) lines.push(`Not a valid port (1-65535): ${result.invalidPorts.join(', ')}`);
  return lines;
}

/** What to type for a query: "harness-ports list" in a shell, just "list" in the console (command ''). */
function typed(command: string, query: string): string {
  return command ? `${command} ${query}` : query;
}

export function helpText(command = 'harness-ports'): string {
  const width = Math.max(...HELP_EXAMPLES.map((e) => typed(command, e.query).length)) + 2;
  return [
    ABOUT_TEXT,
    '',
    'Ask about a provider, a port or several providers at once:',
    ...HELP_EXAMPLES.map((e) => `  ${typed(command, e.query).padEnd(width)}${e.what}`),
  ].join('\n');
}

/** Many providers, one line each: a title, then "  Name: matching port (also other ports)". */
function compactText(title: string, result: Answer, highlightPorts: readonly number[]): string {
  return [
    title,
    ...result.matches.flatMap((m) => {
      const organisation = organisationSummary(m.provider);
      return [
        `  ${compactLineText(m.provider, highlightPorts)}`,
        ...(organisation ? [`    ${organisation}`] : []),
      ];
    }),
    ...unmatchedText(result).map((line) => `\n${line}`),
  ].join('\n');
}

export function renderText(result: Answer, command = 'harness-ports'): string {
  const text = answerText(result, command);
  // A port lookup keeps its own layout; the topics asked beside it follow ("443 through a proxy").
  return result.intent === 'port' ? [text, ...topicsText(result.topics)].join('\n\n') : text;
}

function answerText(result: Answer, command: string): string {
  switch (result.intent) {
    case 'help':
      return helpText(command);
    case 'smalltalk':
      return smallTalkText(result, `"${typed(command, 'splunk')}"`);
    case 'list': {
      const lines = [`${result.matches.length} providers in the catalog:`];
      for (const [category, label] of Object.entries(CATEGORY_LABELS)) {
        const names = result.matches
          .filter((m) => m.provider.category === category)
          .map((m) => m.provider.name);
        if (names.length) lines.push(`  ${label.many}: ${names.join(', ')}`);
      }
      return lines.join('\n');
    }
    case 'port': {
      const s = result.ports.length > 1 ? 's' : '';
      const are = s ? 'are' : 'is';
      const asked = listText(result.ports.map(String));
      const yes = result.yesNo ? 'Yes: p' : 'P';
      if (result.matches.length === 0) {
        return [
          `${result.yesNo ? 'No: no' : 'No'} provider in the catalog uses port${s} ${listText(result.ports.map(String), 'or')}.`,
          ...unmatchedText(result),
        ].join('\n');
      }
      if (result.matches.length === 1) {
        return [
          `${yes}ort${s} ${asked} ${are} used by 1 provider:`,
          providerText(result.matches[0]!.provider, result.ports),
          ...unmatchedText(result),
        ].join('\n\n');
      }
      return compactText(
        `${yes}ort${s} ${asked} ${are} used by ${result.matches.length} providers:`,
        result,
        result.ports,
      );
    }
    case 'checklist': {
      if (result.matches.length === 0) {
        return [
          'Name the providers to put on the checklist, e.g. "checklist splunk jenkins nexus".',
          ...unmatchedText(result),
        ].join('\n');
      }
      const checklist = buildChecklist(result.matches.map((m) => m.provider));
      const lines = [
        `Checklist for ${namesText(checklist.sections.map((s) => s.provider))}`,
        '',
        'Ports to open:',
      ];
      for (const port of checklist.ports) {
        lines.push(
          `  ${port.protocols.join('/')} ${port.port}: ${namesText(port.providers)}${port.conditional ? ' (conditional)' : ''}`,
        );
      }
      for (const provider of checklist.unfixedPorts)
        lines.push(`  ${provider.name}: ${provider.portNote ?? 'no fixed port'}`);
      for (const section of checklist.sections) {
        lines.push('', section.provider.name);
        for (const item of section.items) lines.push(`  [ ] ${item.text}`);
      }
      lines.push(...unmatchedText(result).map((l) => `\n${l}`));
      return lines.join('\n');
    }
    case 'provider': {
      const highlight = highlightedPorts(result);
      if (isCompact(result)) {
        const count = result.matches.length;
        const title = result.scope
          ? `${scopeName(result.scope)} (${count})`
          : `${count} providers match "${result.query}"`;
        const focus = focusLines(result);
        return [
          ...(focus.length ? [focus.join('\n'), ''] : []),
          compactText(`${title}:`, result, highlight),
          ...topicsText(result.topics).map((topic) => `\n${topic}`),
        ].join('\n');
      }
      const focus = focusLines(result);
      return [
        ...(focus.length ? [focus.join('\n')] : []),
        ...result.matches.map((m) => providerText(m.provider, highlight)),
        ...topicsText(result.topics),
        ...unmatchedText(result),
      ].join('\n\n');
    }
    case 'topic':
      return [...topicsText(result.topics), ...unmatchedText(result)].join('\n\n');
    case 'none': {
      const lines = [noMatchText(result, (word) => `"${word}"`)];
      if (result.unmatched.length && result.invalidPorts.length)
        lines.push(`Not a valid port (1-65535): ${result.invalidPorts.join(', ')}`);
      const suggestion = suggestionText(result);
      if (suggestion) lines.push(suggestion);
      lines.push(`Try "${typed(command, 'list')}" to see every provider.`);
      return lines.join('\n');
    }
  }
}

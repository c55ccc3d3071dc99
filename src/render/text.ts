import {
  CATEGORY_LABELS,
  EDITION_LABELS,
  INFERRED_PORT_LABEL,
  type Provider,
  type Source,
} from '../catalog/schema.js';
import { buildChecklist } from '../engine/checklist.js';
import { permissionText } from '../engine/permissions.js';
import type { Answer } from '../engine/types.js';
import { ORGANISATION_HEADING, organisationLines, organisationSummary } from './organisation.js';
import { topicsText } from './topic-text.js';
import {
  ABOUT_TEXT,
  byEdition,
  cardFacts,
  categoryText,
  compactLineText,
  connectivityLines,
  disagreementTitle,
  EDITION_GROUPS,
  editionCount,
  editionText,
  focusLines,
  footerSources,
  HELP_EXAMPLES,
  highlightedPorts,
  isCompact,
  linkRevisions,
  listText,
  moreFactsText,
  moreSourcesText,
  namesText,
  noMatchText,
  portLineText,
  portTitles,
  revisionLabel,
  scopeName,
  smallTalkText,
  splitByStated,
  topicAnswerLine,
  wordingRevisions,
} from './wording.js';

/** Plain-text answers for the terminal (CLI and local console). */

function providerText(provider: Provider, highlightPorts: readonly number[] = []): string {
  const lines = [`${provider.name}  (${categoryText(provider)} · ${editionText(provider)})`, '  Permissions'];
  for (const permission of provider.permissions) {
    lines.push(`    - ${permissionText(permission)}`);
    for (const revision of wordingRevisions(provider, permission))
      lines.push(`      ${revisionLabel(revision)}, says: ${revision.other}`);
  }
  const { shown, more } = cardFacts(provider);
  if (shown.length) {
    lines.push('  More from the docs');
    for (const fact of shown) lines.push(`    - ${fact.text} (${fact.source.title})`);
    if (more) lines.push(`    ${moreFactsText(more)}`);
  }
  for (const disagreement of provider.disagreements) {
    lines.push(`  ${disagreementTitle(disagreement.question)}`);
    for (const statement of disagreement.statements) {
      lines.push(`    - ${statement.source.title} says: ${statement.text}`);
    }
  }
  const modes = connectivityLines(provider, (page) => `${page.title} (${page.url})`);
  if (modes.length) {
    lines.push('  How it connects');
    for (const mode of modes) {
      lines.push(`    - ${mode.label}: ${mode.text}`);
      if (mode.after) lines.push(`      ${mode.after}`);
    }
  }
  lines.push('  Ports');
  for (const rule of provider.ports) {
    const mark = highlightPorts.includes(rule.port) ? '>' : '-';
    lines.push(`    ${mark} ${portLineText(rule)}`);
  }
  if (provider.portNote) lines.push(`    - ${provider.portNote}`);
  // The page the facts come from is in the answer's footer: References names only the others.
  const references = provider.references.filter((ref) => ref.url !== provider.source.url);
  if (references.length) {
    lines.push('  References');
    for (const ref of references) {
      lines.push(`    - ${ref.title}: ${ref.url}`);
      for (const revision of linkRevisions(provider, ref.url))
        lines.push(`      ${revisionLabel(revision)}, links: ${revision.other}`);
    }
  }
  for (const note of provider.notes) lines.push(`  Note: ${note}`);
  const organisation = organisationLines(provider);
  if (organisation.length)
    lines.push(`  ${ORGANISATION_HEADING}`, ...organisation.map((line) => `    - ${line}`));
  return lines.join('\n');
}

/**
 * The answer's footer: "Source: Permissions and Ports for Harness Connections (FirstGen table)" and
 * the page's address, one page a line when there are several.
 */
function footerText(providers: readonly Provider[]): string[] {
  const { named, more } = footerSources(providers);
  const page = (source: Source) =>
    `${source.title} (${EDITION_LABELS[source.edition]})${source.url ? `: ${source.url}` : ''}`;
  if (named.length === 0) return [];
  if (named.length === 1 && more === 0) return [`Source: ${page(named[0]!)}`];
  return [
    [
      'Sources:',
      ...named.map((source) => `  - ${page(source)}`),
      ...(more ? [`  - ${moreSourcesText(more)}`] : []),
    ].join('\n'),
  ];
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

/** "29 rows of the FirstGen table and 19 NextGen connectors" (and your organisation's own, if any). */
function listHeading(providers: readonly Provider[]): string {
  const parts = byEdition(providers).map(
    ([edition, members]) => `${members.length} ${editionCount(edition, members.length)}`,
  );
  return `${providers.length} providers in the catalog: ${listText(parts)}`;
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
      const providers = result.matches.map((m) => m.provider);
      const lines = [`${listHeading(providers)}:`];
      for (const [edition, members] of byEdition(providers)) {
        lines.push(`  ${EDITION_GROUPS[edition]}`);
        for (const [category, label] of Object.entries(CATEGORY_LABELS)) {
          const names = members.filter((p) => p.category === category).map((p) => p.name);
          if (names.length) lines.push(`    ${label.many}: ${names.join(', ')}`);
        }
      }
      lines.push('', ...footerText(providers));
      return lines.join('\n');
    }
    case 'port': {
      const s = result.ports.length > 1 ? 's' : '';
      if (result.matches.length === 0) {
        return [
          `${result.yesNo ? 'No: no' : 'No'} provider in the catalog uses port${s} ${listText(result.ports.map(String), 'or')}.`,
          ...unmatchedText(result),
        ].join('\n');
      }
      const titles = portTitles(result, String);
      const providers = result.matches.map((m) => m.provider);
      const footer = footerText(providers);
      if (result.matches.length === 1) {
        return [
          titles.stated ?? titles.inferred,
          providerText(result.matches[0]!.provider, result.ports),
          ...unmatchedText(result),
          ...footer,
        ].join('\n\n');
      }
      const { stated, inferred } = splitByStated(result);
      const part = (title: string | undefined, members: Provider[]) =>
        title && members.length
          ? [title, ...members.map((p) => `  ${compactLineText(p, result.ports)}`)].join('\n')
          : undefined;
      return [
        part(titles.stated, stated),
        part(titles.inferred, inferred),
        ...unmatchedText(result),
        ...footer,
      ]
        .filter((text): text is string => text !== undefined)
        .join('\n\n');
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
          `  ${port.protocols.join('/')} ${port.port}: ${namesText(port.providers)}${port.conditional ? ' (conditional)' : ''}${port.inferred ? ` (${INFERRED_PORT_LABEL})` : ''}`,
        );
      }
      for (const provider of checklist.unfixedPorts)
        lines.push(`  ${provider.name}: ${provider.portNote ?? 'no fixed port'}`);
      for (const section of checklist.sections) {
        lines.push('', section.provider.name);
        for (const item of section.items) lines.push(`  [ ] ${item.text}`);
      }
      lines.push(...unmatchedText(result).map((l) => `\n${l}`));
      lines.push('', ...footerText(checklist.sections.map((section) => section.provider)));
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
          '',
          ...footerText(result.matches.map((m) => m.provider)),
        ].join('\n');
      }
      const focus = focusLines(result);
      return [
        ...(focus.length ? [focus.join('\n')] : []),
        ...result.matches.map((m) => providerText(m.provider, highlight)),
        ...topicsText(result.topics),
        ...unmatchedText(result),
        ...footerText(result.matches.map((m) => m.provider)),
      ].join('\n\n');
    }
    case 'topic': {
      const yesOrNo = topicAnswerLine(result);
      return [...(yesOrNo ? [yesOrNo] : []), ...topicsText(result.topics), ...unmatchedText(result)].join(
        '\n\n',
      );
    }
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

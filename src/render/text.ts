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
import { answerView, plainStyle, type Style, type ViewPart } from './answer-view.js';
import { ORGANISATION_HEADING, organisationLines, organisationSummary } from './organisation.js';
import { topicText } from './topic-text.js';
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
  footerSources,
  HELP_EXAMPLES,
  linkRevisions,
  listText,
  moreFactsText,
  moreSourcesText,
  namesText,
  portLineText,
  revisionLabel,
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
function compactText(
  title: string,
  providers: readonly Provider[],
  highlightPorts: readonly number[],
): string {
  return [
    title,
    ...providers.flatMap((provider) => {
      const organisation = organisationSummary(provider);
      return [
        `  ${compactLineText(provider, highlightPorts)}`,
        ...(organisation ? [`    ${organisation}`] : []),
      ];
    }),
  ].join('\n');
}

/** "29 rows of the FirstGen table and 19 NextGen connectors" (and your organisation's own, if any). */
function listHeading(providers: readonly Provider[]): string {
  const parts = byEdition(providers).map(
    ([edition, members]) => `${members.length} ${editionCount(edition, members.length)}`,
  );
  return `${providers.length} providers in the catalog: ${listText(parts)}`;
}

function checklistText(providers: readonly Provider[]): string {
  const checklist = buildChecklist(providers);
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
  return lines.join('\n');
}

function catalogText(providers: readonly Provider[]): string {
  const lines = [`${listHeading(providers)}:`];
  for (const [edition, members] of byEdition(providers)) {
    lines.push(`  ${EDITION_GROUPS[edition]}`);
    for (const [category, label] of Object.entries(CATEGORY_LABELS)) {
      const names = members.filter((p) => p.category === category).map((p) => p.name);
      if (names.length) lines.push(`    ${label.many}: ${names.join(', ')}`);
    }
  }
  return lines.join('\n');
}

/** One part of the view as terminal text (undefined: nothing to print, e.g. a divider). */
function partText(part: ViewPart, style: Style, command: string): string | undefined {
  switch (part.type) {
    case 'sentence':
    case 'hint':
      return part.text(style);
    case 'card':
      return providerText(part.provider, part.highlight);
    case 'checklist':
      return checklistText(part.providers);
    // A terminal has no block limit: every row is printed.
    case 'rows':
      return compactText(`${part.title(style)}`, part.providers, part.highlight);
    case 'catalog':
      return catalogText(part.providers);
    case 'topic':
      return topicText(part.topic);
    case 'help':
      return helpText(command);
    case 'suggestions':
      return `Did you mean: ${namesText(part.providers, 'or')}?`;
    case 'divider':
      return undefined;
  }
}

/** An answer as terminal text (CLI and local console): a projection of its view. */
export function renderText(result: Answer, command = 'harness-ports'): string {
  const view = answerView(result);
  const style = plainStyle((query) => typed(command, query));
  const parts = view.parts.flatMap((part) => partText(part, style, command) ?? []);
  const notes = view.notes.map((note) => note(style));
  return [...parts, ...(notes.length ? [notes.join('\n')] : []), ...footerText(view.sources)].join('\n\n');
}

/**
 * Where a page of harness/developer-hub is published on developer.harness.io. The site is built by
 * Docusaurus: `docs/a/b/c.md` is served at `/docs/a/b/c`, with Docusaurus's rules applied: a
 * front-matter `slug` replaces the path (an absolute slug) or its last segment (a relative one), a
 * front-matter `id` replaces the last segment, number prefixes ("7_", "01-") are dropped from each
 * segment, and an index or README page is served at its folder.
 */

export const PUBLISHED_SITE = 'https://developer.harness.io';

/** The front-matter fields that move a page, read from the YAML between the first two `---` lines. */
export interface PageFrontMatter {
  slug?: string;
  id?: string;
  title?: string;
  redirectFrom: string[];
}

/** Reads `slug`, `id`, `title` and `redirect_from` from a page's front matter (no YAML library needed). */
export function readFrontMatter(text: string): PageFrontMatter {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const result: PageFrontMatter = { redirectFrom: [] };
  if (!match?.[1]) return result;
  const lines = match[1].split(/\r?\n/);
  const unquote = (value: string) => value.trim().replace(/^(['"])(.*)\1$/, '$2');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const field = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (!field) continue;
    const [, key, value = ''] = field;
    if (key === 'slug' && value) result.slug = unquote(value);
    else if (key === 'id' && value) result.id = unquote(value);
    else if (key === 'title' && value) result.title = unquote(value);
    else if (key === 'redirect_from') {
      if (value.startsWith('[')) {
        result.redirectFrom.push(
          ...value
            .replace(/^\[|\]$/g, '')
            .split(',')
            .map(unquote)
            .filter(Boolean),
        );
      } else if (value) {
        result.redirectFrom.push(unquote(value));
      } else {
        for (let j = i + 1; j < lines.length && /^\s+-\s*/.test(lines[j] ?? ''); j++) {
          result.redirectFrom.push(unquote((lines[j] ?? '').replace(/^\s+-\s*/, '')));
        }
      }
    }
  }
  return result;
}

const NUMBER_PREFIX = /^\d+[-_.]/;

/** The published address of `path` (a file of harness/developer-hub under docs/), given its front matter. */
export function publishedUrl(path: string, frontMatter: Partial<PageFrontMatter> = {}): string {
  const segments = path
    .replace(/\.mdx?$/, '')
    .split('/')
    .map((segment) => segment.replace(NUMBER_PREFIX, ''));
  const last = segments.at(-1);
  if (last === 'index' || last === 'README') segments.pop();
  else if (frontMatter.id) segments[segments.length - 1] = frontMatter.id;
  const slug = frontMatter.slug;
  if (slug?.startsWith('/')) {
    const absolute = slug.replace(/\/+$/, '');
    return `${PUBLISHED_SITE}/${segments[0] ?? 'docs'}${absolute}`;
  }
  if (slug) {
    if (last !== 'index' && last !== 'README') segments.pop();
    segments.push(...slug.split('/').filter(Boolean));
  }
  return `${PUBLISHED_SITE}/${segments.join('/')}`;
}

/** The file a GitHub address of harness/developer-hub names (`blob/<ref>/<path>`), if it is one. */
export function developerHubPath(url: string): string | undefined {
  const match = /^https:\/\/github\.com\/harness\/developer-hub\/blob\/[^/]+\/(.+\.mdx?)$/.exec(url);
  return match?.[1];
}

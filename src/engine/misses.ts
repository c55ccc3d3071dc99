import { tokenize } from './text.js';
import type { Answer } from './types.js';

export interface MissedQuery {
  /** The query, normalised ("Splunck Cloud?" and "splunck cloud" count as one). */
  query: string;
  count: number;
  /** Seconds since the epoch of the latest miss. */
  lastAt: number;
}

/** True for an answer that found nothing the user asked for: no provider, no port, no help. */
export function isMiss(result: Answer): boolean {
  return result.intent === 'none' || (result.intent === 'port' && result.matches.length === 0);
}

/**
 * Queries that found nothing, counted, so the catalog's maintainers can add the aliases people
 * miss. Bounded: past `capacity` distinct queries the least recently missed one is forgotten.
 * Kept in this process only; each miss is also logged as a structured line for longer keeping.
 */
export class MissedQueries {
  private readonly counts = new Map<string, MissedQuery>();

  constructor(private readonly capacity = 500) {}

  /** Records an answer if it is a miss; returns whether it was. */
  record(result: Answer, at: number): boolean {
    if (!isMiss(result)) return false;
    const query = tokenize(result.query).join(' ');
    if (!query) return false;
    const seen = this.counts.get(query);
    this.counts.delete(query);
    this.counts.set(query, { query, count: (seen?.count ?? 0) + 1, lastAt: at });
    if (this.counts.size > this.capacity) {
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
    return true;
  }

  /** The most missed queries first (ties: the most recent first). */
  top(limit: number): MissedQuery[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt).slice(0, limit);
  }

  get total(): number {
    let total = 0;
    for (const miss of this.counts.values()) total += miss.count;
    return total;
  }
}

/**
 * Missed queries kept apart per workspace (its team and enterprise ids): one workspace's
 * maintainers never see what another's people typed. Past `workspaces` workspaces, the one that
 * missed least recently is forgotten.
 */
export class WorkspaceMissedQueries {
  private readonly byWorkspace = new Map<string, MissedQueries>();

  constructor(
    private readonly workspaces = 1_000,
    private readonly perWorkspace = 500,
  ) {}

  /** Records an answer for a workspace if it is a miss; returns whether it was. */
  record(workspace: string, result: Answer, at: number): boolean {
    if (!isMiss(result)) return false;
    const misses = this.byWorkspace.get(workspace) ?? new MissedQueries(this.perWorkspace);
    this.byWorkspace.delete(workspace);
    this.byWorkspace.set(workspace, misses);
    if (this.byWorkspace.size > this.workspaces) {
      const oldest = this.byWorkspace.keys().next().value;
      if (oldest !== undefined) this.byWorkspace.delete(oldest);
    }
    return misses.record(result, at);
  }

  /** A workspace's misses (none for a workspace that has missed nothing). */
  of(workspace: string): { top(limit: number): MissedQuery[]; total: number } {
    return this.byWorkspace.get(workspace) ?? { top: () => [], total: 0 };
  }
}

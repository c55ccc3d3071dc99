import type { Provider } from '../catalog/schema.js';
import { MatchList } from './matches.js';
import type { ProviderSet, SearchIndex, Term } from './search-index.js';
import type { Scope } from './types.js';
import { CONTEXT_WORDS, QUESTION_WORDS, SMALL_TALK_WORDS } from './words.js';

const MAX_PORT = 65535;

/** A phrase that named a provider ("sumo") or a set of them ("aws"). */
export interface NamedPhrase {
  words: string[];
  providers: Provider[];
  /** True for a set (group or category): a member named right after it only says which one. */
  set: boolean;
}

/** A run of unrecognised words, with the phrase right before it, if any ("sumo" in "sumo logik"). */
export interface Leftover {
  words: string[];
  after?: NamedPhrase;
  /**
   * Question words between that phrase and the run, which may be words of a longer name ("secrets"
   * in "aws secrets mnager", "key" in "azure key vualt"); empty when the run follows the phrase.
   */
  lead: string[];
  /**
   * The phrase right after the run, with the question words after it, which may finish a mistyped
   * name ("kubernetes service" after "zure" in "zure kubernetes service").
   */
  next?: NamedPhrase & { followedBy: string[] };
  /** Question words right after the run, which may end a mistyped name ("service" in "tanzu aplication service"). */
  followedBy: string[];
}

/** Matches of one strength, and the scope of the first set among them. */
export interface Found {
  matches: MatchList;
  scope?: Scope;
}

/** What the scanner read from a query. */
export interface Scan {
  /** Providers named exactly, then the members of the sets (groups, makers) asked for. */
  matches: MatchList;
  /** The first set asked for, when no provider was named exactly. */
  scope?: Scope;
  /** Topics (categories, topic words): the answer only when nothing more specific is named. */
  topics: Found;
  /** Sets named only as context ("prometheus on aws"): the answer only when nothing else is. */
  context: Found;
  ports: number[];
  invalidPorts: string[];
  /** Protocols the question names as words ("winrm over https"), as the catalog writes them. */
  protocols: string[];
  /** Runs of unrecognised, non-question words, in query order. */
  leftovers: Leftover[];
}

const isNumber = (word: string) => /^\d+$/.test(word);

/**
 * Reads a query's words left to right, one step per word or phrase: the longest phrase naming a
 * term (a provider's name or alias before a set, "aws ec2" before "aws"), else a number, else a
 * question word, else an unrecognised word kept for the typo pass. What a phrase can name is the
 * index's data: adding a kind of set adds no step here.
 */
class PhraseScanner {
  private readonly named = new MatchList();
  private readonly inSets = new MatchList();
  private readonly topics: Found = { matches: new MatchList() };
  private readonly context: Found = { matches: new MatchList() };
  private readonly ports: number[] = [];
  private readonly invalidPorts: string[] = [];
  private readonly protocols: string[] = [];
  private readonly leftovers: Leftover[] = [];
  private scope: Scope | undefined;
  /** Unrecognised words since the last recognised one. */
  private run: string[] = [];
  /** The phrase right before the current word, if nothing but question words (`lead`) came between. */
  private previous: NamedPhrase | undefined;
  private lead: string[] = [];
  /** The run just ended, while only question words have followed it. */
  private ended: Leftover | undefined;
  /** The question words after the phrase that follows a run (`Leftover.next`), while only they follow it. */
  private nextFollowedBy: string[] | undefined;
  private position = 0;

  constructor(
    private readonly index: SearchIndex,
    private readonly words: readonly string[],
  ) {}

  scan(): Scan {
    while (this.position < this.words.length) {
      const step = this.takeTerm() || this.takeNumber() || this.takeQuestionWord() || this.takeUnknownWord();
      this.position += step;
    }
    this.endRun();
    return {
      matches: this.combined(),
      ...(this.scope && this.named.length === 0 ? { scope: this.scope } : {}),
      topics: this.topics,
      context: this.context,
      ports: this.ports,
      invalidPorts: this.invalidPorts,
      protocols: this.protocols,
      leftovers: this.leftovers,
    };
  }

  /** The longest phrase from here that names a term; returns how many words it took (0 for none). */
  private takeTerm(): number {
    const found = this.index.termAt(this.words, this.position);
    if (!found) return 0;
    const { term, phrase } = found;
    const after = this.run.length === 0 && this.lead.length === 0 ? this.previous : undefined;
    const hadRun = this.run.length > 0;
    this.endRun();
    const closed = hadRun ? this.ended : undefined;
    this.ended = undefined;
    this.previous = this.addTerm(term, phrase, after);
    this.nextFollowedBy = undefined;
    if (closed && this.previous) {
      closed.next = { ...this.previous, followedBy: [] };
      this.nextFollowedBy = closed.next.followedBy;
    }
    return phrase.length;
  }

  /**
   * Records what a phrase named, right `after` another phrase if nothing came between; returns it
   * as the phrase the next words may continue.
   */
  private addTerm(term: Term, phrase: string[], after: NamedPhrase | undefined): NamedPhrase | undefined {
    const text = phrase.join(' ');
    if (term.kind === 'provider') {
      // "aws ecs": a set right before one of its own members only says which member.
      if (after?.set && after.providers.includes(term.provider)) {
        this.inSets.drop(after.words.join(' '), after.providers);
      }
      (term.topical ? this.topics.matches : this.named).add(term.provider, term.matchedBy, text);
      return { words: phrase, providers: [term.provider], set: false };
    }
    // "prometheus on aws": a set after "on"/"in" is where something runs, not a request.
    const before = this.words[this.position - 1];
    if (before !== undefined && CONTEXT_WORDS.has(before)) {
      this.addSet(this.context, term, text);
      return undefined;
    }
    if (term.topical) this.addSet(this.topics, term, text);
    else {
      for (const provider of term.providers) this.inSets.add(provider, term.matchedBy, text);
      this.scope ??= term.scope;
    }
    return { words: phrase, providers: term.providers, set: true };
  }

  private addSet(found: Found, set: ProviderSet, text: string): void {
    for (const provider of set.providers) found.matches.add(provider, set.matchedBy, text);
    found.scope ??= set.scope;
  }

  private takeNumber(): number {
    const word = this.words[this.position]!;
    if (!isNumber(word)) return 0;
    this.endRun();
    this.ended = undefined;
    this.nextFollowedBy = undefined;
    const port = Number(word);
    if (port >= 1 && port <= MAX_PORT && word.length <= 5) {
      if (!this.ports.includes(port)) this.ports.push(port);
    } else {
      this.invalidPorts.push(word);
    }
    return 1;
  }

  private takeQuestionWord(): number {
    const word = this.words[this.position]!;
    if (!QUESTION_WORDS.has(word) && !SMALL_TALK_WORDS.has(word)) return 0;
    const protocol = this.index.protocols.get(word);
    if (protocol && !this.protocols.includes(protocol)) this.protocols.push(protocol);
    // A question word may be a word of a longer, mistyped name: keep it, and the phrase before it.
    const continues = this.run.length === 0 && this.lead.length < this.index.longestTerm;
    const keep = continues ? this.previous : undefined;
    const lead = continues ? [...this.lead, word] : [word];
    this.endRun();
    this.previous = keep;
    this.lead = lead;
    if (this.ended && this.ended.followedBy.length < this.index.longestTerm) this.ended.followedBy.push(word);
    if (this.nextFollowedBy && this.nextFollowedBy.length < this.index.longestTerm)
      this.nextFollowedBy.push(word);
    return 1;
  }

  private takeUnknownWord(): number {
    this.ended = undefined;
    this.nextFollowedBy = undefined;
    this.run.push(this.words[this.position]!);
    return 1;
  }

  /** Closes the run of unrecognised words, if any, as a leftover for the typo pass. */
  private endRun(): void {
    if (this.run.length) {
      this.ended = {
        words: this.run,
        followedBy: [],
        lead: this.lead,
        ...(this.previous ? { after: this.previous } : {}),
      };
      this.leftovers.push(this.ended);
    }
    this.run = [];
    this.previous = undefined;
    this.lead = [];
  }

  private combined(): MatchList {
    const matches = new MatchList();
    matches.addAll(this.named.items);
    matches.addAll(this.inSets.items);
    return matches;
  }
}

/** Reads the words of a query into the providers, sets and ports they name (see PhraseScanner). */
export function scanPhrases(index: SearchIndex, words: readonly string[]): Scan {
  return new PhraseScanner(index, words).scan();
}

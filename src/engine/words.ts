export { CATEGORY_PHRASES, MAKERS } from '../catalog/vocabulary.js';

/**
 * Words people put around provider names in questions ("what ports does the delegate need for
 * splunk?"). They are skipped when looking for provider names, never matched fuzzily.
 */
export const QUESTION_WORDS = new Set(
  `a about access after all allow allowed also an and any anything are as at be before bot by can check
  checks connect connected connecting connection connections could delegate delegates details do does
  doing done else every everything firewall for from get give harness have hello help hey hi how i
  if in info information into is it its let list lookup look many me my need needed needing needs
  network networking number numbers of on one open opened opening or our over permission permissions
  perms please pls port ports protocol protocols provider providers reach required requirement
  requirements requires require rule rules server servers service services set setting settings setup
  should show so some tell thanks thank that the their them there these this those through to up
  use used uses using via want we what whats when where which who why will with would you your
  cheatsheet vm vms instance instances machine machines host hosts hosted hosting stack account accounts
  task tasks todo environment env prod production staging inside within behind our team know tcp udp http https ssh
  api apis key keys token tokens secret secrets credential credentials password passwords user users username
  role roles policy policies privilege privileges auth authentication authenticate login bucket buckets
  enterprise talk talking reachable ssl tls certificate certificates cert certs inbound outbound egress
  ingress traffic endpoint endpoints url urls configure configured configuration config install installed
  installing integrate integration work works working latest default`.split(/\s+/),
);

/** Words before a group or category that make it context, not a request: "prometheus on aws". */
export const CONTEXT_WORDS = new Set(['on', 'in', 'inside', 'within', 'hosted', 'behind', 'via', 'through']);

/** Protocols that name one port unambiguously: "ssh" alone asks which providers use port 22. */
export const PROTOCOL_PORTS: ReadonlyMap<string, number> = new Map([['ssh', 22]]);

/** Whole queries that ask for usage. */
export const HELP_WORDS = new Set(['help', 'usage', 'h', 'commands', 'examples', 'about']);

/** Words that, alone, ask for every provider ("list", "all", "show all providers"). */
export const LIST_WORDS = new Set([
  'list',
  'all',
  'everything',
  'every',
  'providers',
  'connections',
  'catalog',
]);
export const LIST_FILLER = new Set(['show', 'me', 'the', 'of', 'please', 'known', 'supported', 'provider']);

/** Words that ask for a checklist, anywhere in the query ("give me a checklist for splunk"). */
export const CHECKLIST_WORDS = new Set(['checklist', 'checklists']);

/** Transports written with a port: "tcp/8089", "8089/tcp". */
export const PORT_PROTOCOLS = new Set(['tcp', 'udp']);

/** Words after which a number names something else, not a port: "version 2", "step 3". */
export const NUMBER_NOUNS = new Set(
  'v version versions release releases step steps option options item items issue issues ticket tickets page pages line lines chapter section rev revision year years since'.split(
    ' ',
  ),
);

/** Words before which a number is a count, not a port: "2 questions", "3 providers". */
export const COUNT_NOUNS = new Set(
  `questions things times days hours minutes seconds weeks months years providers ports connections servers
  instances nodes replicas users people steps items ways options issues errors clusters vms machines hosts
  delegates accounts teams environments regions rules checks tickets`.split(/\s+/),
);

/** A query of only these words (and question words) is small talk: "thanks!", "hi there". */
export const SMALL_TALK_WORDS = new Set(
  `hi hello hey hiya yo howdy morning evening afternoon gm thanks thank thx ty tyvm cheers ok okay k kk cool
  great nice awesome perfect lol bye goodbye cya later much good yes yeah yep no nope sure welcome sup
  excellent brilliant wow`.split(/\s+/),
);

/** Small-talk words that thank. */
export const THANKS_WORDS = new Set(['thanks', 'thank', 'thx', 'ty', 'tyvm', 'cheers']);

/** First words that make a question a yes/no question: "does the delegate need 636?". */
export const YES_NO_OPENERS = new Set(
  'do does did is are was can could should shall will would must need needs has have'.split(' '),
);

/**
 * Terms that name a subject more than a provider: "iam" is AWS Cloud's alias, but "what IAM policy
 * for S3" asks about S3. Like the category phrases, they count only when nothing more specific is named.
 */
export const TOPIC_TERMS = new Set(['iam']);

/** Words next to a number that make it a port: "port 1", "need 636 open", "on 8081", "uses 443". */
export const PORT_CUES = new Set(
  `port ports tcp udp open opened opening use uses using used need needs needed require requires required
  on listen listens listening allow allowed block blocked reach reachable expose exposed firewall egress
  ingress inbound outbound traffic`.split(/\s+/),
);

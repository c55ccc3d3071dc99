import { describe, expect, it } from 'vitest';
import { slackTextToQuery } from '../../src/slack/text.js';

describe('Slack message text back to what the user typed', () => {
  it.each([
    ['<@U0BOT> what ports does splunk need?', 'what ports does splunk need?'],
    ['<@U0BOT|harness-ports> 8089', '8089'],
    ['<!channel> splunk', 'splunk'],
    ['<!subteam^S0ADMINS|@admins> nexus', 'nexus'],
    ['is <https://logz.io> ok?', 'is logz.io ok?'],
    ['see <https://example.com/x|logz.io>', 'see logz.io'],
    ['mail <mailto:ops@acme.test|ops@acme.test>', 'mail ops@acme.test'],
    ['in <#C0OPS|ops> jenkins', 'in ops jenkins'],
    ['a &lt;b&gt; &amp;amp; c', 'a <b> &amp; c'],
    ['&lt;!channel&gt;', '<!channel>'],
    ['  splunk\n\tjenkins  ', 'splunk jenkins'],
    ['', ''],
  ])('reads %j as %j', (text, query) => {
    expect(slackTextToQuery(text)).toBe(query);
  });
});

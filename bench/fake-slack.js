import { createServer } from 'node:http';

const OK = JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', ts: '1.1' });

/**
 * A tiny fake of Slack on 127.0.0.1: every POST /api/<method> answers ok, every POST /respond
 * (the response_url) answers 200. Counts calls per method, so a run shows what the bot called.
 */
export async function startFakeSlack() {
  const calls = {};
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const name = path.startsWith('/api/') ? path.slice('/api/'.length) : path;
      calls[name] = (calls[name] ?? 0) + 1;
      if (req.method === 'POST' && path.startsWith('/api/')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(OK);
      } else if (req.method === 'POST' && path === '/respond') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/respond`,
    calls,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

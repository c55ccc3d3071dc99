import bolt from '@slack/bolt';

/** The baseline: a bare Bolt app in HTTP mode that acks the same command with one line of text. */
const { App, LogLevel } = bolt;
const env = process.env;

const app = new App({
  token: env.SLACK_BOT_TOKEN,
  signingSecret: env.SLACK_SIGNING_SECRET,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.writeHead(200).end('ok') }],
});
app.command('/harness-ports', async ({ ack }) => {
  await ack('bare bolt ack');
});
await app.start({ port: Number(env.PORT), host: env.HOST });

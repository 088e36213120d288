import type { FastifyPluginAsync } from 'fastify';
import type { FastifyReceiver } from './http-receiver.js';
import type { SlackOAuth } from './oauth.js';

export interface SlackRoutesOptions {
  /** HTTP mode; absent in Socket Mode, where events come over the WebSocket. */
  readonly receiver?: FastifyReceiver;
  /** Multi-workspace install; absent with a single SLACK_BOT_TOKEN. */
  readonly oauth?: SlackOAuth;
}

/** Slack's requests are small; anything bigger is not Slack's. */
const bodyLimit = 1024 * 1024;

/**
 * Slack's endpoints on the web server:
 * - `POST /slack/events`: slash commands, interactivity and Events API, one
 *   URL for all three (the manifest sets it). The raw body is kept as a string
 *   because the signature is over the exact bytes; this plugin's own content
 *   type parsers apply only inside it.
 * - `GET /slack/install` and `GET /slack/oauth_redirect`: the OAuth install.
 */
export const slackRoutes: FastifyPluginAsync<SlackRoutesOptions> = async (app, options) => {
  const { receiver, oauth } = options;
  if (receiver) {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));
    app.post('/slack/events', { bodyLimit }, async (request, reply) => {
      const answer = await receiver.handle(typeof request.body === 'string' ? request.body : '', request.headers);
      return reply.code(answer.status).type(answer.contentType ?? 'text/plain').send(answer.body);
    });
  }
  if (oauth) {
    app.get('/slack/install', async (request, reply) => {
      reply.hijack();
      await oauth.installer.handleInstallPath(request.raw, reply.raw);
    });
    app.get('/slack/oauth_redirect', async (request, reply) => {
      reply.hijack();
      await oauth.installer.handleCallback(request.raw, reply.raw, oauth.callbackOptions);
    });
  }
};

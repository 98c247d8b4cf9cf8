// The stop link in every message: GET shows a page asking to confirm (mail programs and link
// scanners open links on their own, and must not stop anyone's messages), POST stops them (the
// page's button, or a mail program's one-click List-Unsubscribe-Post, RFC 8058). The page is in the
// contact's language; a link not known answers in the browser's. A client asking for JSON gets JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../core/index.js';
import { ApiFailure, sendFailure } from '../errors.js';
import type { MessageStore } from '../store/message-operations.js';
import type { MessageLanguage } from '../store/message-records.js';
import { stopByToken, stopTokenHash } from './contacts.js';
import { messageTexts } from './texts.js';

export interface StopRouteOptions {
  store: { messages: MessageStore };
  /** The clock; the real one unless a test gives another. */
  now?: () => Date;
}

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function browserLanguage(request: FastifyRequest): MessageLanguage {
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  const found = /\b(nb|nn|no|en)\b/.exec(header)?.[1];
  return found === 'nn' || found === 'en' ? found : 'nb';
}

const wantsJson = (request: FastifyRequest) => {
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html');
};

function page(reply: FastifyReply, status: number, language: MessageLanguage, body: string): FastifyReply {
  const texts = messageTexts[language].stopPage;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(texts.title)}</title></head><body><main><h1>${escapeHtml(texts.title)}</h1>${body}</main></body></html>`,
    );
}

function notKnown(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.log.info({ outcome: ApiError.notFound }, 'stop link not known');
  if (wantsJson(request)) return sendFailure(reply, new ApiFailure(ApiError.notFound, 'This stop link is not known'));
  const language = browserLanguage(request);
  return page(reply, 404, language, `<p>${escapeHtml(messageTexts[language].stopPage.unknown)}</p>`);
}

export async function messageRoutes(app: FastifyInstance, { store, now = () => new Date() }: StopRouteOptions): Promise<void> {
  // The button's form and one-click unsubscribes (either encoding RFC 8058 allows) post a form; what it says does not matter.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null, {}),
  );

  app.get<{ Params: { token: string } }>('/api/messages/stop/:token', async (request, reply) => {
    const { token } = request.params;
    const contact = tokenShape.test(token) ? await store.messages.findContactByStopToken(stopTokenHash(token)) : undefined;
    if (!contact) return notKnown(request, reply);
    if (wantsJson(request)) return reply.send({ isStopped: contact.stoppedAt !== null });
    const texts = messageTexts[contact.language].stopPage;
    if (contact.stoppedAt !== null) return page(reply, 200, contact.language, `<p>${escapeHtml(texts.done)}</p>`);
    return page(
      reply,
      200,
      contact.language,
      `<p>${escapeHtml(texts.question)}</p><form method="post"><button type="submit">${escapeHtml(texts.button)}</button></form>`,
    );
  });

  app.post<{ Params: { token: string } }>('/api/messages/stop/:token', async (request, reply) => {
    const { token } = request.params;
    const stopped = tokenShape.test(token) ? await stopByToken(store.messages, token, now()) : undefined;
    if (!stopped) return notKnown(request, reply);
    request.log.info({ outcome: 'stopped', by: 'patient' }, 'messages stopped');
    if (wantsJson(request)) return reply.send({ isStopped: true });
    return page(reply, 200, stopped.language, `<p>${escapeHtml(messageTexts[stopped.language].stopPage.done)}</p>`);
  });
}

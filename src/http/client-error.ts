import { STATUS_CODES } from 'node:http';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DEFAULT_LOCALE, type Message, t } from '../i18n/index.js';
import { httpMessages as M } from './messages.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

const PROBLEMS: Record<string, { status: number; code: string; detail: Message }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers-too-large', detail: M.headersTooLarge },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request-timeout', detail: M.requestTimeout },
  ERR_HTTP_HEADERS_TIMEOUT: { status: 408, code: 'request-timeout', detail: M.headersTimeout },
};

/**
 * Requests Node's HTTP parser refuses (headers too large, malformed) never reach Express; Node
 * answers them with an empty body. This answers them as RFC 9457 problem+json like every other
 * error, so a client sees one error shape (in zh-CN: no request was parsed to choose a language).
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    // As Node's own handler: never write into a response already under way on this socket.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const known = (err.code && PROBLEMS[err.code]) || { status: 400, code: 'bad-request', detail: M.notHttp };
    const body = JSON.stringify({ type: `/problems/${known.code}`, title: STATUS_CODES[known.status], status: known.status, detail: t(DEFAULT_LOCALE, known.detail) });
    socket.end(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

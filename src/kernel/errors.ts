import { type Message, say, type Text } from '../i18n/index.js';
import { errorMessages as E, nounMessages } from './messages.js';

/**
 * The one error type. Services throw these; the problem middleware turns them into
 * RFC 9457 application/problem+json answers, rendered in the reader's locale: a detail or field
 * message is a catalogue sentence (`say(messages.x, params)`); a plain string is shown as it is.
 */
export interface FieldError {
  /** Where the bad value is, e.g. "body.items.2.quantity". */
  path: string;
  message: Text;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Short machine code; the problem `type` is /problems/<code>. */
    readonly code: string,
    readonly title: Text,
    readonly detail?: Text,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(String(detail ?? title));
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldError[],
    detail: Text = say(E.invalidDetail),
  ) {
    super(400, 'validation-failed', say(E.invalidTitle), detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(detail: Text, extra: Record<string, unknown> = {}) {
    super(400, 'bad-request', say(E.badRequestTitle), detail, extra);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail: Text = say(E.unauthorizedDetail)) {
    super(401, 'unauthorized', say(E.unauthorizedTitle), detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: Text = say(E.forbiddenDetail), extra: Record<string, unknown> = {}) {
    super(403, 'forbidden', say(E.forbiddenTitle), detail, extra);
  }
}

export class NotFoundError extends AppError {
  /** `what`: a catalogue noun (a plain string is a model name, shown as it is). */
  constructor(what: Message | string = nounMessages.resource, detail?: Text) {
    super(404, 'not-found', say(E.notFoundTitle), detail ?? say(E.notFoundDetail, { what: typeof what === 'string' ? what : say(what) }));
  }
}

export class ConflictError extends AppError {
  constructor(detail: Text, extra: Record<string, unknown> = {}) {
    super(409, 'conflict', say(E.conflictTitle), detail, extra);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(detail: Text = say(E.tooLargeDetail)) {
    super(413, 'payload-too-large', say(E.tooLargeTitle), detail);
  }
}

export class UnprocessableError extends AppError {
  constructor(detail: Text, extra: Record<string, unknown> = {}) {
    super(422, 'unprocessable', say(E.unprocessableTitle), detail, extra);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail: Text) {
    super(503, 'service-unavailable', say(E.unavailableTitle), detail);
  }
}

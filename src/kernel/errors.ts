/**
 * The one error type. Services throw these; the problem middleware turns them into
 * RFC 9457 application/problem+json answers.
 */
export interface FieldError {
  /** Where the bad value is, e.g. "body.items.2.quantity". */
  path: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Short machine code; the problem `type` is /problems/<code>. */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request has invalid fields.',
  ) {
    super(400, 'validation-failed', 'Invalid request', detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(400, 'bad-request', 'Bad request', detail, extra);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'Sign in first (or send a valid bearer token).') {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'Your role does not allow this action.', extra: Record<string, unknown> = {}) {
    super(403, 'forbidden', 'Forbidden', detail, extra);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource', detail?: string) {
    super(404, 'not-found', 'Not found', detail ?? `No such ${what}.`);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, 'conflict', 'Conflict', detail, extra);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(detail = 'The request body is too large.') {
    super(413, 'payload-too-large', 'Payload too large', detail);
  }
}

export class UnprocessableError extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(422, 'unprocessable', 'Unprocessable request', detail, extra);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail: string) {
    super(503, 'service-unavailable', 'Service unavailable', detail);
  }
}

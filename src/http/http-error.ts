/** An error the API answers with its own status and a message that tells the caller what to fix. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(error: HttpError): Record<string, unknown> {
  return { error: { code: error.code, message: error.message, ...error.details } };
}

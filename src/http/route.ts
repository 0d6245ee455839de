import type { Request, Response } from 'restify';

/** One HTTP route: a thin handler that maps a request to a use case and its result to JSON. */
export interface Route {
  method: 'get' | 'post' | 'put' | 'del';
  path: string;
  /** Token-protected (every /v1 route). */
  protected: boolean;
  handle(req: Request, res: Response): Promise<void>;
}

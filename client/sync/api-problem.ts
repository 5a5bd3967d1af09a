// What went wrong with a call to the API, in words for the person who made it: the server's
// reasons are English, for whoever reads the wire ("invalid link for this club", "title: must
// not be empty"), and the browser's own is "Failed to fetch". Forms said them as they were,
// inside a French sentence.
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

export type ApiProblem =
  | { readonly kind: 'offline' }
  | { readonly kind: 'tooMany'; readonly seconds: number }
  | { readonly kind: 'refused' }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'invalid'; readonly field: string | null }
  | { readonly kind: 'server' };

export function apiProblem(err: unknown): ApiProblem {
  // fetch fails with a TypeError when no answer came.
  if (!(err instanceof ApiError)) return err instanceof TypeError ? { kind: 'offline' } : { kind: 'server' };
  if (err.status === 429) return { kind: 'tooMany', seconds: err.retryAfterS ?? 60 };
  if (err.status === 401 || err.status === 403) return { kind: 'refused' };
  if (err.status === 404) return { kind: 'notFound' };
  // A field the server found wrong names itself first ("title: must not be empty").
  if (err.status === 400) return { kind: 'invalid', field: /^([A-Za-z]+):/.exec(err.message)?.[1] ?? null };
  return { kind: 'server' };
}

/**
 * The problem in the page's language. `labels` names the form's fields (the server's field
 * names to their labels); `refused` and `notFound` say what a refused call or a missing
 * thing means where it happened.
 */
export function apiProblemText(t: TFunction, err: unknown, opts: { labels?: Readonly<Record<string, string>>; refused?: string; notFound?: string } = {}): string {
  const problem = apiProblem(err);
  switch (problem.kind) {
    case 'offline':
      return t('apiError.offline');
    case 'tooMany':
      return t('apiError.tooMany', { seconds: problem.seconds });
    case 'refused':
      return opts.refused ?? t('apiError.refused');
    case 'notFound':
      return opts.notFound ?? t('apiError.notFound');
    case 'invalid': {
      const label = problem.field ? opts.labels?.[problem.field] : undefined;
      return label ? t('apiError.invalidField', { label }) : t('apiError.invalid');
    }
    case 'server':
      return t('apiError.server');
  }
}

/**
 * The page number a URL asks for (`?page=`, or another parameter where one page shows two paged lists);
 * 1 when it is missing or absurd. Pagers and loaders share it.
 */
export function pageFrom(params: URLSearchParams, name = 'page'): number {
  const page = Number.parseInt(params.get(name) ?? '1', 10)
  return Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1
}

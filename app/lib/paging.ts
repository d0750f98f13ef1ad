/** The page number a URL asks for (`?page=`); 1 when it is missing or absurd. Pagers and loaders share it. */
export function pageFrom(params: URLSearchParams): number {
  const page = Number.parseInt(params.get('page') ?? '1', 10)
  return Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1
}

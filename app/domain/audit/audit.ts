/** Shared by the audit query and the audit page. */
export const AUDIT_PAGE_SIZE = 50
export const AUDITED_TABLES = ['public.orgs', 'public.memberships', 'public.pairings'] as const

import type { ColumnType, Generated } from 'kysely'

/** Hand-kept types of the tables the app reads; one interface per table, named as in SQL. */

export type OrgKind = 'province' | 'city' | 'county' | 'town' | 'village' | 'community' | 'unit'
export type UnitLevel = 'provincial' | 'municipal' | 'county'
export type UnitType = 'agency' | 'enterprise' | 'institution'
export const APP_ROLES = [
  'county_admin',
  'county_staff',
  'town_admin',
  'town_staff',
  'village_secretary',
  'village_clerk',
  'unit_liaison',
] as const
export type AppRole = (typeof APP_ROLES)[number]

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** A timestamp the database fills in by default; may be given on insert. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
type DateOnly = ColumnType<string, string, string>

export interface OrgsTable {
  id: Generated<string>
  kind: OrgKind
  parent_id: string | null
  code: string | null
  name: string
  name_en: string | null
  secretary_name: string | null
  secretary_phone: string | null
  households: number | null
  population: number | null
  unit_level: UnitLevel | null
  unit_type: UnitType | null
  /** First and last month the village or community reports for (null: no limit). */
  active_from: string | null
  active_until: string | null
  is_active: Generated<boolean>
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface OrgClosureTable {
  ancestor_id: string
  descendant_id: string
  depth: number
}

export interface ProfilesTable {
  user_id: string
  email: string
  display_name: string
  phone: string | null
  is_active: Generated<boolean>
  /** When an administrator set the password the user must still replace (null: the user's own). */
  temporary_password_set_at: Timestamp | null
  /** When the password last changed (own change or reset); tokens issued before it are refused. */
  password_changed_at: Timestamp | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface MembershipsTable {
  id: Generated<string>
  user_id: string
  org_id: string
  role: AppRole
  created_at: GeneratedTimestamp
  created_by: string | null
  revoked_at: Timestamp | null
  revoked_by: string | null
}

export interface PairingsTable {
  id: Generated<string>
  unit_id: string
  village_id: string
  starts_on: DateOnly
  ends_on: DateOnly | null
  is_lead: Generated<boolean>
  note: string | null
  created_at: GeneratedTimestamp
}

export type CadrePost = 'village_cadre' | 'first_secretary'
export type PovertyStatus = 'not_poor' | 'poor' | 'lifted' | 'monitored'
/** The five helps (五帮) then the four deliveries (四送). */
export const ACTIVITY_KINDS = [
  'help_catch_up',
  'help_start_business',
  'help_collective_economy',
  'help_cultivate_leaders',
  'help_positions_systems',
  'deliver_policies',
  'deliver_information',
  'deliver_skills',
  'deliver_care',
] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]
export const REPORT_STATES = ['draft', 'submitted', 'returned', 'approved', 'reopened'] as const
export type ReportState = (typeof REPORT_STATES)[number]
/** As stored in monthly_reports.values: integers as numbers, decimals (money) as exact strings, yes/no as booleans. */
export type ReportValue = number | boolean | string
export type ReportValues = Record<string, ReportValue>
export type ReportComments = Record<string, string>

export const CASE_STATES = ['open', 'assigned', 'handled', 'confirmed', 'closed'] as const
export type CaseState = (typeof CASE_STATES)[number]
/** numeric columns arrive as strings (exact decimals). */
type Numeric = ColumnType<string, string | number, string | number>

export interface CadresTable {
  id: Generated<string>
  county_id: string
  unit_id: string | null
  name: string
  phone: string | null
  title: string | null
  user_id: string | null
  created_at: GeneratedTimestamp
}

export interface CadrePostingsTable {
  id: Generated<string>
  cadre_id: string
  village_id: string
  post: CadrePost
  starts_on: DateOnly
  ends_on: DateOnly | null
  created_at: GeneratedTimestamp
}

export interface HouseholdsTable {
  id: Generated<string>
  village_id: string
  head_name: string
  members: number
  phone: string | null
  address: string | null
  situation: string | null
  poverty_status: Generated<PovertyStatus>
  is_active: Generated<boolean>
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface HouseholdPairsTable {
  id: Generated<string>
  cadre_id: string
  household_id: string
  /** Set by trigger from the household. */
  village_id: Generated<string>
  starts_on: DateOnly
  ends_on: DateOnly | null
  created_at: GeneratedTimestamp
}

export interface PairingActivitiesTable {
  id: Generated<string>
  village_id: string
  unit_id: string | null
  kind: ActivityKind
  occurred_on: DateOnly
  title: string
  description: string | null
  participants: Generated<number>
  funds: Numeric | null
  goods: string | null
  created_by: string
  created_at: GeneratedTimestamp
}

export interface VisitsTable {
  id: Generated<string>
  village_id: string
  unit_id: string | null
  cadre_id: string | null
  household_id: string | null
  visited_on: DateOnly
  people_met: Generated<number>
  notes: string
  created_by: string
  created_at: GeneratedTimestamp
}

export interface ConcernFilesTable {
  id: Generated<string>
  village_id: string
  household_id: string | null
  person_name: string
  opened_on: DateOnly
  summary: string | null
  is_private: Generated<boolean>
  unit_id: string | null
  created_by: string
  created_at: GeneratedTimestamp
}

export interface OpinionsTable {
  id: Generated<string>
  village_id: string
  concern_file_id: string | null
  visit_id: string | null
  content: string
  raised_on: DateOnly
  is_private: Generated<boolean>
  unit_id: string | null
  created_by: string
  created_at: GeneratedTimestamp
}

export interface ConcernCasesTable {
  id: Generated<string>
  village_id: string
  concern_file_id: string | null
  opinion_id: string | null
  title: string
  description: string | null
  state: Generated<CaseState>
  owner_name: string | null
  due_on: DateOnly | null
  resolution: string | null
  closed_reason: string | null
  is_private: Generated<boolean>
  unit_id: string | null
  created_by: string
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface ConcernCaseEventsTable {
  id: Generated<number>
  case_id: string
  village_id: string
  from_state: CaseState | null
  to_state: CaseState
  note: string | null
  actor_id: string | null
  occurred_at: GeneratedTimestamp
}

export interface AuditLogTable {
  id: Generated<number>
  occurred_at: GeneratedTimestamp
  actor_id: string | null
  actor_role: string | null
  table_name: string
  row_id: string | null
  org_id: string | null
  op: 'INSERT' | 'UPDATE' | 'DELETE'
  old_row: unknown
  new_row: unknown
}

export interface AuthUsersTable {
  instance_id: string | null
  id: string
  aud: string | null
  role: string | null
  email: string | null
  encrypted_password: string | null
  email_confirmed_at: Timestamp | null
  invited_at: Timestamp | null
  last_sign_in_at: Timestamp | null
  raw_app_meta_data: unknown
  raw_user_meta_data: unknown
  created_at: Timestamp | null
  updated_at: Timestamp | null
  banned_until: Timestamp | null
  deleted_at: Timestamp | null
}

export interface AuthSessionsTable {
  id: string
  user_id: string
  created_at: Timestamp | null
  updated_at: Timestamp | null
  not_after: Timestamp | null
  user_agent: string | null
  ip: string | null
}

export interface SignInAttemptsTable {
  id: Generated<number>
  bucket: string
  attempted_at: GeneratedTimestamp
  succeeded: Generated<boolean>
}

/** private.password_changes (20261129000025): when auth.users last got a new password hash, by anyone */
export interface PasswordChangesTable {
  user_id: string
  changed_at: Timestamp
}

export interface PermissionsTable {
  role: AppRole
  domain: string
  action: string
  scope: string
}

export interface ReportTemplatesTable {
  id: Generated<string>
  county_id: string
  version: number
  valid_from: ColumnType<string, string, never>
  due_day: number
  definition: ColumnType<unknown, string, never>
  created_at: ColumnType<Date, never, never>
  created_by: string | null
}

export interface MonthlyReportsTable {
  id: Generated<string>
  village_id: ColumnType<string, string, never>
  period: ColumnType<string, string, never>
  template_id: ColumnType<string, never, never>
  state: ColumnType<ReportState, never, never>
  values: ColumnType<ReportValues, string, string>
  comments: ColumnType<ReportComments, string, string>
  due_on: ColumnType<string, never, never>
  revision: ColumnType<number, never, never>
  first_submitted_at: ColumnType<Date | null, never, never>
  submitted_at: ColumnType<Date | null, never, never>
  submitted_by: ColumnType<string | null, never, never>
  reviewed_at: ColumnType<Date | null, never, never>
  reviewed_by: ColumnType<string | null, never, never>
  created_at: ColumnType<Date, never, never>
  created_by: ColumnType<string | null, never, never>
  updated_at: ColumnType<Date, never, never>
  updated_by: ColumnType<string | null, never, never>
}

export interface ReportTransitionsTable {
  id: Generated<number>
  report_id: string
  village_id: string
  from_state: ReportState | null
  to_state: ReportState
  reason: string | null
  values: ReportValues | null
  actor_id: string | null
  occurred_at: ColumnType<Date, never, never>
}

export interface Database {
  orgs: OrgsTable
  org_closure: OrgClosureTable
  profiles: ProfilesTable
  memberships: MembershipsTable
  pairings: PairingsTable
  cadres: CadresTable
  cadre_postings: CadrePostingsTable
  households: HouseholdsTable
  household_pairs: HouseholdPairsTable
  pairing_activities: PairingActivitiesTable
  visits: VisitsTable
  concern_files: ConcernFilesTable
  opinions: OpinionsTable
  concern_cases: ConcernCasesTable
  concern_case_events: ConcernCaseEventsTable
  audit_log: AuditLogTable
  report_templates: ReportTemplatesTable
  monthly_reports: MonthlyReportsTable
  report_transitions: ReportTransitionsTable
  'auth.users': AuthUsersTable
  'auth.sessions': AuthSessionsTable
  'private.sign_in_attempts': SignInAttemptsTable
  'private.password_changes': PasswordChangesTable
  'private.permissions': PermissionsTable
}

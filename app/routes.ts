import { index, route, type RouteConfig } from '@remix-run/route-config'

/**
 * Every URL of the product in one place: one folder per portal. User administration is the same
 * module under the county and the town portals (registered twice with distinct ids).
 */
export default [
  index('routes/index.tsx'),
  route('login', 'routes/auth/login.tsx'),
  route('logout', 'routes/auth/logout.tsx'),
  route('account/password', 'routes/auth/password.tsx'),
  route('language', 'routes/language.tsx'),
  route('portals', 'routes/portals.tsx'),

  route('county/:orgId', 'routes/shared/portal-layout.tsx', { id: 'county-portal' }, [
    index('routes/county/index.tsx'),
    route('towns/:townId', 'routes/county/town.tsx'),
    route('villages/:villageId', 'routes/shared/village.tsx', { id: 'county-village' }),
    route('units', 'routes/county/units.tsx'),
    route('users', 'routes/shared/users.tsx', { id: 'county-users' }),
    route('users/new', 'routes/shared/user-new.tsx', { id: 'county-user-new' }),
    route('users/:userId', 'routes/shared/user.tsx', { id: 'county-user' }),
    route('audit', 'routes/county/audit.tsx'),
    route('reports/:reportId', 'routes/shared/report-review.tsx', { id: 'county-report' }),
    route('reports/:reportId/print', 'routes/shared/report-print.tsx', { id: 'county-report-print' }),
    route('completeness', 'routes/shared/completeness.tsx', { id: 'county-completeness' }),
    route('completeness/export.xlsx', 'routes/shared/completeness-export.tsx', { id: 'county-completeness-export' }),
    route('templates', 'routes/county/templates.tsx'),
    route('templates/new', 'routes/county/template-new.tsx'),
    route('templates/:templateId', 'routes/county/template.tsx'),
  ]),

  route('town/:orgId', 'routes/shared/portal-layout.tsx', { id: 'town-portal' }, [
    index('routes/town/index.tsx'),
    route('villages/:villageId', 'routes/shared/village.tsx', { id: 'town-village' }),
    route('users', 'routes/shared/users.tsx', { id: 'town-users' }),
    route('users/new', 'routes/shared/user-new.tsx', { id: 'town-user-new' }),
    route('users/:userId', 'routes/shared/user.tsx', { id: 'town-user' }),
    route('reports', 'routes/town/reports.tsx'),
    route('reports/:reportId', 'routes/shared/report-review.tsx', { id: 'town-report' }),
    route('reports/:reportId/print', 'routes/shared/report-print.tsx', { id: 'town-report-print' }),
    route('completeness', 'routes/shared/completeness.tsx', { id: 'town-completeness' }),
    route('completeness/export.xlsx', 'routes/shared/completeness-export.tsx', { id: 'town-completeness-export' }),
  ]),

  route('village/:orgId', 'routes/shared/portal-layout.tsx', { id: 'village-portal' }, [
    index('routes/village/index.tsx'),
    route('profile', 'routes/village/profile-edit.tsx'),
    route('reports', 'routes/village/reports.tsx'),
    route('reports/export.xlsx', 'routes/village/reports-export.tsx'),
    route('reports/:period', 'routes/village/report.tsx'),
    route('reports/:period/print', 'routes/shared/report-print.tsx', { id: 'village-report-print' }),
  ]),

  route('unit/:orgId', 'routes/shared/portal-layout.tsx', { id: 'unit-portal' }, [
    index('routes/unit/index.tsx'),
    route('villages/:villageId', 'routes/shared/village.tsx', { id: 'unit-village' }),
  ]),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig

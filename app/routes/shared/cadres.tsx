import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { CadreForms, PostingTable } from '~/components/pairing/cadre-forms'
import { useOrgName } from '~/components/org-options'
import { EmptyRegister } from '~/components/pager'
import { Pager, SavedNotice } from '~/components/pairing/register'
import { isDescendant } from '~/domain/orgs/orgs.server'
import { addCadre, endPosting, listCadres, postCadre, postingsOfUnit, unitHouseholdPairs } from '~/domain/pairing/cadres.server'
import { CADRE_PAGE_SIZE, cadreQueryFrom, POSTING_PAGE_SIZE } from '~/domain/pairing/filters'
import { postingsPageOf, postingsUnder } from '~/domain/pairing/figures.server'
import { portalOfUrl, todayInShanghai } from '~/domain/pairing/kinds'
import { unitOptions } from '~/domain/pairing/pairings.server'
import { isRlsRefusal, villagesOfScope } from '~/domain/pairing/records.server'
import { cadreSchema, endSchema, latestPlannedStart, postingSchema, valuesOf, type FormValues } from '~/domain/pairing/schemas'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireGranted, requireUserCan, userCanEach } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { formatNumber } from '~/lib/intl'
import { pageFrom } from '~/lib/paging'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['pairing'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const portal = portalOfUrl(url)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const query = cadreQueryFrom(url)
  return withUser(claims, async (tx) => {
    const can = await userCanEach(tx, orgId, { read: ['cadres', 'read'], manage: ['cadres', 'manage'] })
    requireGranted(can.read)
    const canManage = portal === 'county' && can.manage
    const roster =
      portal === 'county' ? await listCadres(tx, { countyId: orgId }, query) : portal === 'unit' ? await listCadres(tx, { unitId: orgId }, query) : { rows: [], total: 0 }
    const postingsPage = pageFrom(url.searchParams, 'postingsPage')
    const postings = portal === 'unit' ? await postingsOfUnit(tx, orgId, { page: postingsPage }) : await postingsUnder(tx, orgId, { page: postingsPage })
    const pairs = portal === 'unit' ? await unitHouseholdPairs(tx, orgId) : { rows: [], truncated: false }
    return {
      portal,
      canManage,
      search: query.search,
      cadres: roster.rows,
      cadreTotal: roster.total,
      postings: postings.rows,
      postingTotal: postings.total,
      pairs: pairs.rows,
      pairsTruncated: pairs.truncated,
      unitOptions: canManage ? await unitOptions(tx) : [],
      villageOptions: canManage ? await villagesOfScope(tx, { portal: 'county', orgId }) : [],
      latestStart: latestPlannedStart(todayInShanghai()),
    }
  })
}

type ActionData = { intent: string; id?: string; errors: FieldErrors; values: FormValues }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  if (portalOfUrl(new URL(request.url)) !== 'county') throw new Response('Not found', { status: 404 })
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  const values = valuesOf(await readForm(request))
  const t = await getFixedT(request, 'pairing')
  const fail = (errors: FieldErrors) => data<ActionData>({ intent: values.intent ?? '', id: values.id, errors, values }, { status: 400 })
  const schemas = { 'add-cadre': cadreSchema, 'post-cadre': postingSchema(todayInShanghai()), 'end-posting': endSchema }
  // own keys only: intent=constructor would otherwise find Object.prototype's (a 500)
  const schema = Object.hasOwn(schemas, values.intent ?? '') ? schemas[values.intent as keyof typeof schemas] : undefined
  if (!schema) throw new Response('Bad request', { status: 400 })
  const parsed = schema.safeParse(values)
  if (!parsed.success) return fail(fieldErrorsFrom(parsed.error, t))
  const input = parsed.data
  // a posting saved or ended: the register's page that lists it, where the redirect lands; `created`
  // false: the same user had saved the same cadre or posting a moment ago (the form sent twice)
  let outcome: { problem: FieldErrors } | { postingsPage: number | null; created: boolean }
  try {
    outcome = await withUser(claims, async (tx) => {
      const refused = (problem: FieldErrors) => ({ problem })
      await requireUserCan(tx, 'cadres', 'manage', orgId)
      if (input.intent === 'add-cadre') {
        // an id of no unit: refused here, not by the database's foreign key (500)
        if (input.unitId && !(await unitOptions(tx)).some((u) => u.id === input.unitId)) return refused({ unitId: [t('validation.notOffered')] })
        const { created } = await addCadre(tx, claims.sub, orgId, input)
        return { postingsPage: null, created }
      }
      if (input.intent === 'post-cadre') {
        if (!(await isDescendant(tx, orgId, input.villageId))) return refused({ villageId: [t('validation.notOffered')] })
        // a descendant that is no village (a town, a unit): refused here, not by the database's trigger (500)
        if (!(await villagesOfScope(tx, { portal: 'county', orgId })).some((v) => v.id === input.villageId)) return refused({ villageId: [t('validation.notOffered')] })
        const cadre = await tx.selectFrom('cadres').select('id').where('id', '=', input.cadreId).where('county_id', '=', orgId).executeTakeFirst()
        if (!cadre) return refused({ cadreId: [t('validation.notOffered')] })
        const { id, created } = await postCadre(tx, claims.sub, input)
        return { postingsPage: await postingsPageOf(tx, orgId, id), created }
      }
      const ended = await endPosting(tx, input)
      if (ended === 'notFound') throw new Response('Not found', { status: 404 })
      if (ended === 'beforeStart') return refused({ endsOn: [t('validation.endBeforeStart')] })
      return { postingsPage: await postingsPageOf(tx, orgId, input.id), created: true }
    })
  } catch (err) {
    if (isRlsRefusal(err)) throw new Response('Forbidden', { status: 403 })
    throw err
  }
  if ('problem' in outcome) return fail(outcome.problem)
  throw redirect(`/county/${orgId}/cadres?${outcome.created ? 'saved' : 'duplicate'}=1${outcome.postingsPage ? `&postingsPage=${outcome.postingsPage}#postings` : ''}`)
})

/** Cadres and their postings: the county manages them, towns and villages read, a unit sees its own. */
export default function Cadres() {
  const { portal, canManage, search, cadres, cadreTotal, postings, postingTotal, pairs, pairsTruncated, unitOptions, villageOptions, latestStart } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t, i18n } = useTranslation('pairing')
  const name = useOrgName()
  const [params] = useSearchParams()
  const postHref = (cadreId: string) => {
    const next = new URLSearchParams(params)
    next.set('post', cadreId)
    return `?${next.toString()}#post-cadre`
  }
  return (
    <>
      <p>
        <Link to="../pairing">{t('links.backToFigures')}</Link>
      </p>
      <h2>{t('cadres.heading')}</h2>
      <SavedNotice />
      <h3 id="postings">{t('cadres.postingsHeading')}</h3>
      {postingTotal > 0 ? (
        <p className="muted" role="status">
          {t('cadres.postingCount', { count: postingTotal, formatted: formatNumber(postingTotal, i18n.language) })}
        </p>
      ) : null}
      <PostingTable postings={postings} total={postingTotal} canManage={canManage} actionData={actionData} />
      <Pager total={postingTotal} pageSize={POSTING_PAGE_SIZE} param="postingsPage" />
      {portal === 'county' || portal === 'unit' ? (
        <>
          <h3>{t(portal === 'unit' ? 'cadres.unitRosterHeading' : 'cadres.rosterHeading')}</h3>
          <Form method="get" className="filters" role="search">
            <div className="field field--inline">
              <label htmlFor="cadre-search">{t('cadres.search')}</label>
              <input id="cadre-search" name="q" type="search" maxLength={50} defaultValue={search} />
            </div>
            <button type="submit" className="button">
              {t('cadres.searchButton')}
            </button>
          </Form>
          <p className="muted" role="status">
            {t(search ? 'cadres.found' : 'cadres.count', { count: cadreTotal, formatted: formatNumber(cadreTotal, i18n.language) })}
          </p>
          {cadres.length === 0 ? (
            <EmptyRegister total={cadreTotal}>{t(search ? 'cadres.noneFound' : 'cadres.noCadres')}</EmptyRegister>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('columns.name')}</th>
                    {/* the action next to the name, not last: in sight on a phone without scrolling the table sideways */}
                    {canManage ? <th scope="col">{t('columns.actions')}</th> : null}
                    <th scope="col">{t('columns.jobTitle')}</th>
                    <th scope="col">{t('columns.unit')}</th>
                    <th scope="col">{t('columns.phone')}</th>
                    <th scope="col" className="num">{t('columns.activePostings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cadres.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.name}</th>
                      {canManage ? (
                        <td>
                          <Link to={postHref(c.id)}>
                            {t('cadres.postThis')}
                          </Link>
                        </td>
                      ) : null}
                      <td>{c.title ?? '—'}</td>
                      <td>{c.unit_name == null ? t('cadres.countyOrgans') : name({ name: c.unit_name, name_en: c.unit_name_en })}</td>
                      <td>{c.phone ?? '—'}</td>
                      <td className="num">{c.active_postings}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager total={cadreTotal} pageSize={CADRE_PAGE_SIZE} />
        </>
      ) : null}
      {portal === 'unit' ? (
        <>
          <h3>{t('cadres.pairsHeading')}</h3>
          <p className="muted">{t('cadres.pairsLegend')}</p>
          {pairsTruncated ? <p className="notice">{t('cadres.pairsTruncated', { formatted: formatNumber(pairs.length, i18n.language) })}</p> : null}
          {pairs.length === 0 ? (
            <p className="empty">{t('cadres.noPairs')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('columns.cadre')}</th>
                    <th scope="col">{t('columns.household')}</th>
                    <th scope="col">{t('columns.village')}</th>
                    <th scope="col">{t('columns.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pairs.map((p, i) => (
                    <tr key={i}>
                      <th scope="row">{p.cadre_name}</th>
                      <td>{p.household_head_name}</td>
                      <td>{p.village_name}</td>
                      <td>{p.starts_on}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      {canManage ? <CadreForms cadres={cadres} chosen={params.get('post') ?? ''} units={unitOptions} villages={villageOptions} latestStart={latestStart} actionData={actionData} /> : null}
    </>
  )
}

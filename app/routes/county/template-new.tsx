import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import completenessCss from '~/components/completeness/completeness.css?url'
import { formatMonth } from '~/components/completeness/format'
import { TemplatePreview } from '~/components/completeness/template-preview'
import { addMonths, monthOf, monthsBetween, periodOfDate, type Period } from '~/domain/monthly-reports/completeness'
import { todayInShanghai } from '~/domain/monthly-reports/completeness.server'
import type { TemplateDefinition } from '~/domain/monthly-reports/template'
import {
  createTemplateVersion,
  earliestNewValidFrom,
  getTemplateVersion,
  latestTemplateVersion,
  MAX_MONTHS_AHEAD,
  newVersionFormSchema,
  validateNewVersion,
  type FormErrors,
} from '~/domain/monthly-reports/templates.server'
import { DEFAULT_TEMPLATE_DEFINITION } from '~/domain/monthly-reports/default-template'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { isUuid } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['completeness', 'templates'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: completenessCss }]

/** A county without any version starts from the product's default template. */
const STARTER: TemplateDefinition = DEFAULT_TEMPLATE_DEFINITION

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  const from = new URL(request.url).searchParams.get('from')
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'report_templates', 'manage', orgId)
    const today = await todayInShanghai(tx)
    const current = periodOfDate(today)
    const [latest, earliest] = await Promise.all([latestTemplateVersion(tx, orgId), earliestNewValidFrom(tx, orgId)])
    const base = (isUuid(from ?? undefined) ? await getTemplateVersion(tx, orgId, from!) : null) ?? latest
    const first = earliest ?? addMonths(current, -MAX_MONTHS_AHEAD)
    const last = addMonths(current, MAX_MONTHS_AHEAD)
    const months = first <= last ? monthsBetween(first, last) : []
    const next = addMonths(current, 1)
    return {
      latest: latest ? { version: latest.version, valid_from: latest.valid_from } : null,
      basedOn: base ? base.version : null,
      months,
      earliest,
      defaults: {
        validFrom: monthOf(months.includes(next) ? next : (months[0] ?? next)),
        dueDay: String(base?.due_day ?? 5),
        definition: JSON.stringify(base?.definition ?? STARTER, null, 2),
      },
    }
  })
}

type ActionData = { errors: FormErrors; values: Record<string, string>; preview?: TemplateDefinition }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  const form = await readForm(request)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const t = await getFixedT(request, 'templates')
  const tc = await getFixedT(request, 'completeness')
  const month = (period: Period) => formatMonth(period, tc)
  const parsed = newVersionFormSchema.safeParse(values)
  if (!parsed.success) return data<ActionData>({ errors: { form: [t('errors.tooLarge')] }, values: {} }, { status: 400 })

  // the preview checks everything saving checks, so that what it shows would save
  if (values.intent === 'preview') {
    const checked = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'report_templates', 'manage', orgId)
      return validateNewVersion(tx, orgId, parsed.data, await todayInShanghai(tx), t, month)
    })
    if (!checked.ok) return data<ActionData>({ errors: checked.errors, values, preview: checked.definition }, { status: 400 })
    return data<ActionData>({ errors: {}, values, preview: checked.input.definition })
  }

  const result = await withUser(claims, async (tx) => {
    await requireUserCan(tx, 'report_templates', 'manage', orgId)
    return createTemplateVersion(tx, claims.sub, orgId, parsed.data, await todayInShanghai(tx), t, month)
  })
  if (!result.ok) return data<ActionData>({ errors: result.errors, values, preview: result.definition }, { status: 400 })
  throw redirect(`/county/${orgId}/templates/${result.id}`)
})

/**
 * A new version of the county's report template, applying from a chosen month. The definition is
 * edited as JSON (validated by the template schema, errors in words); "Preview" renders it without
 * saving. Works without JavaScript.
 */
export default function NewTemplateRoute() {
  const { latest, basedOn, months, earliest, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('templates')
  const tc = useTranslation('completeness').t
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  const value = (name: keyof typeof defaults) => actionData?.values[name] ?? defaults[name]
  const busy = navigation.state === 'submitting'
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('view.back')}</Link>
      </p>
      <h2>{t('new.heading', { version: (latest?.version ?? 0) + 1 })}</h2>
      <p className="muted">{basedOn ? t('new.basedOn', { version: basedOn }) : t('new.starter')}</p>
      <Form method="post" className="form" noValidate aria-describedby={errors.form ? 'form-error' : undefined}>
        {errors.form ? (
          <p id="form-error" className="form__error" role="alert" tabIndex={-1}>
            {errors.form.join(' ')}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="validFrom">{t('new.validFrom')}</label>
          <select
            id="validFrom"
            name="validFrom"
            defaultValue={value('validFrom')}
            aria-invalid={errors.validFrom ? true : undefined}
            aria-describedby={['validFrom-hint', errors.validFrom ? 'validFrom-error' : ''].filter(Boolean).join(' ')}
          >
            {months.map((p) => (
              <option key={p} value={monthOf(p)}>
                {formatMonth(p, tc)}
              </option>
            ))}
          </select>
          <p id="validFrom-hint" className="field__hint">
            {latest && earliest
              ? t('new.validFromHint', { latest: formatMonth(latest.valid_from, tc), version: latest.version, earliest: formatMonth(earliest, tc) })
              : t('new.validFromFirst')}
          </p>
          <FieldErrors id="validFrom-error" errors={errors.validFrom} />
        </div>
        <div className="field">
          <label htmlFor="dueDay">{t('new.dueDay')}</label>
          <input
            id="dueDay"
            name="dueDay"
            type="number"
            inputMode="numeric"
            min={1}
            max={28}
            defaultValue={value('dueDay')}
            aria-invalid={errors.dueDay ? true : undefined}
            aria-describedby={['dueDay-hint', errors.dueDay ? 'dueDay-error' : ''].filter(Boolean).join(' ')}
          />
          <p id="dueDay-hint" className="field__hint">
            {t('new.dueDayHint')}
          </p>
          <FieldErrors id="dueDay-error" errors={errors.dueDay} />
        </div>
        <div className="field">
          <label htmlFor="definition">{t('new.definition')}</label>
          <textarea
            id="definition"
            name="definition"
            className="template-definition"
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            defaultValue={value('definition')}
            aria-invalid={errors.definition ? true : undefined}
            aria-describedby={['definition-hint', errors.definition ? 'definition-error' : ''].filter(Boolean).join(' ')}
          />
          <p id="definition-hint" className="field__hint">
            {t('new.definitionHint')}
          </p>
          <FieldErrors id="definition-error" errors={errors.definition} />
        </div>
        <div className="toolbar">
          <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
            {t('new.preview')}
          </button>
          <button type="submit" name="intent" value="create" className="button button--primary" disabled={busy}>
            {t('new.save')}
          </button>
        </div>
      </Form>
      {actionData?.preview ? (
        <section aria-labelledby="preview-heading">
          <h3 id="preview-heading">{t('new.previewHeading')}</h3>
          <TemplatePreview definition={actionData.preview} />
        </section>
      ) : null}
    </>
  )
}

/** A field's errors as a list (a definition can have many), tied to it by id and announced. */
function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="error-list" role="alert">
      {errors.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  )
}

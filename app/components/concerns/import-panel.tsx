import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export interface ImportResult {
  intent: 'preview' | 'commit'
  plan?: { created: number; updated: number; unchanged: number }
  errors: { row: number | null; column: string | null; message: string }[]
}

/**
 * An XLSX import page body: the template download (`templateHref`, a resource route:
 * routes/village/import-template.tsx), the upload form with a dry run and a commit, and the result
 * (the plan, or every row-level error; nothing is written while there is one).
 */
export function ImportPanel({ heading, help, templateHref, result }: { heading: string; help: string; templateHref: string; result?: ImportResult }) {
  const { t } = useTranslation('households')
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const failed = result && result.errors.length > 0
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('import.back')}</Link>
      </p>
      <h2>{heading}</h2>
      <p className="muted">{help}</p>
      <p>
        <a href={templateHref} className="button">
          {t('import.template')}
        </a>
      </p>
      <Form method="post" encType="multipart/form-data" className="form">
        <div className="field">
          <label htmlFor="file">{t('import.file')}</label>
          <input id="file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
          {result?.intent === 'preview' && !failed ? <p className="field__hint">{t('import.reupload')}</p> : null}
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
            {t('import.preview')}
          </button>{' '}
          <button type="submit" name="intent" value="commit" className="button button--primary" disabled={busy}>
            {t('import.commit')}
          </button>
        </div>
      </Form>
      {result ? (
        <section aria-labelledby="import-result">
          <h3 id="import-result">{t('import.previewHeading')}</h3>
          {failed ? (
            <>
              <p className="form__error" role="alert" tabIndex={-1}>
                {t('import.hasErrors', { count: result.errors.length })}
              </p>
              <div className="table-wrap" tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('import.row')}</th>
                      <th scope="col">{t('import.column')}</th>
                      <th scope="col">{t('import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.errors.map((e, i) => (
                      <tr key={i}>
                        <td>{e.row ?? t('import.wholeFile')}</td>
                        <td>{e.column ?? '—'}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : result.plan ? (
            <p className={result.intent === 'commit' ? 'notice notice--ok' : 'notice'} role="status">
              {result.intent === 'commit' ? t('import.committed', result.plan) : `${t('import.plan', result.plan)} ${t('import.noErrors')}`}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  )
}

import { Link } from '@remix-run/react'
import { useId } from 'react'
import { copyableTexts, pageOf, type PendingSubmission } from '~/lib/pending-submission'

/**
 * A form handed back after an answer that did not save it (ADR 0012): its fields, hidden, posted by the
 * user's own click to the action it was meant for. A plain form, not Remix's: the page it goes to answers
 * it as any submission of its own form (a redirect, or the form again with its errors). Files cannot be
 * carried, so a form that had some is not offered again: the user goes back to the page, told which ones
 * to choose again (`filesNotice`).
 */
export function CarriedForm({
  pending,
  submitLabel,
  filesNotice,
  backLabel,
}: {
  pending: PendingSubmission
  submitLabel: string
  filesNotice: (files: string[]) => string
  backLabel: string
}) {
  return (
    <>
      {pending.files.length ? (
        <p>{filesNotice(pending.files)}</p>
      ) : (
        <form method="post" action={pending.action}>
          {pending.fields.map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" className="button button--primary">
            {submitLabel}
          </button>
        </form>
      )}
      <p>
        <Link to={pageOf(pending)} reloadDocument>
          {backLabel}
        </Link>
      </p>
    </>
  )
}

/**
 * The texts of a handed-back form, to copy: what was too long to carry through a sign-in, or what a
 * failed action was sent (which may fail again). Only what a person wrote (copyableTexts), numbered:
 * the form's labels did not come with it.
 */
export function CarriedTexts({ fields, heading, label, open = false }: { fields: [string, string][]; heading: string; label: (n: number) => string; open?: boolean }) {
  const id = useId()
  const texts = copyableTexts(fields)
  if (!texts.length) return null
  return (
    <details open={open} className="carried-texts">
      <summary>{heading}</summary>
      {texts.map((value, i) => (
        <div className="field" key={i}>
          <label htmlFor={`${id}-${i}`}>{label(i + 1)}</label>
          <textarea id={`${id}-${i}`} readOnly defaultValue={value} rows={Math.min(8, value.split('\n').length + 1)} />
        </div>
      ))}
    </details>
  )
}

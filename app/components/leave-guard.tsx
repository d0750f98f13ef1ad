import { useBlocker, type Blocker } from '@remix-run/react'
import { useEffect, useRef, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'

/** What a form holds, as text: its fields' names and values in order (files left out). */
function contentsOf(form: HTMLFormElement): string {
  const fields = [...new FormData(form)].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
  return new URLSearchParams(fields).toString()
}

/**
 * Asks before what was typed into `form` is left unsaved: a link or Back within the app is held until the
 * user chooses (LeaveGuardDialog); closing or reloading the tab gets the browser's own question. `saved`
 * names the state the form was loaded or last saved in (the report's revision): when it changes, what the
 * form holds counts as saved again. Posting the form, or anything else on the same page, is never held.
 * Without JavaScript nothing is asked: the form posts as a whole page and the server hands back what it
 * refused.
 */
export function useLeaveGuard(form: RefObject<HTMLFormElement | null>, saved: unknown): Blocker {
  const snapshot = useRef<string | null>(null)
  useEffect(() => {
    snapshot.current = form.current ? contentsOf(form.current) : null
  }, [form, saved])
  const changed = () => form.current !== null && snapshot.current !== null && contentsOf(form.current) !== snapshot.current
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && changed())
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if (!changed()) return
      event.preventDefault()
      // older browsers ask only when returnValue is set; the text they show is their own
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
    // changed() reads refs only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return blocker
}

/** The question of a held navigation: stay (the default, focused; Escape too) or leave without saving. */
export function LeaveGuardDialog({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation()
  const stay = useRef<HTMLButtonElement>(null)
  const blocked = blocker.state === 'blocked'
  useEffect(() => {
    if (blocked) stay.current?.focus()
  }, [blocked])
  if (!blocked) return null
  return (
    <div
      className="leave-guard"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="leave-guard-title"
      aria-describedby="leave-guard-text"
      onKeyDown={(event) => {
        if (event.key === 'Escape') blocker.reset()
      }}
    >
      <div className="leave-guard__box">
        <h2 id="leave-guard-title">{t('leaveGuard.title')}</h2>
        <p id="leave-guard-text">{t('leaveGuard.text')}</p>
        <div className="leave-guard__actions">
          <button type="button" className="button button--primary" ref={stay} onClick={() => blocker.reset()}>
            {t('leaveGuard.stay')}
          </button>
          <button type="button" className="button" onClick={() => blocker.proceed()}>
            {t('leaveGuard.leave')}
          </button>
        </div>
      </div>
    </div>
  )
}

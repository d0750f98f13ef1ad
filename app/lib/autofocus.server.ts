/** A tag that may take the focus after a refused post: an invalid field, or an element the page focuses by script. */
const CANDIDATE = /<[a-z]+\b[^>]*? (?:aria-invalid="true"|tabindex="-1")[^>]*>/g
const CONTROL = /<(?:input|select|textarea)\b/g
/** A form-level error (components/forms.tsx FormError, or its markup by hand): class form__error among others. */
const FORM_ERROR_CLASS = / class="(?:[^"]* )?form__error[" ]/

/**
 * A form refused without JavaScript comes back as a new page, with focus at its top. This gives the
 * first invalid field (aria-invalid="true", as every form marks one) the autofocus attribute, so that
 * keyboard and screen-reader users land on it, as useFocusFirstInvalid (components/forms.tsx) does
 * with JavaScript. A group marked as a whole (a fieldset of choices) passes it to its first control;
 * an error summary the page focuses by script (role="alert" tabindex="-1": the report form's) takes
 * it when it comes first, as it does with JavaScript. A page whose refusal marks no field gives it to
 * its first form-level error (role="alert" tabindex="-1" class="form__error"), which never outranks a
 * field, wherever it stands. For the answers to posts only (entry.server.tsx).
 */
export function autofocusFirstInvalid(html: string): string {
  let formError: number | undefined
  for (const match of html.matchAll(CANDIDATE)) {
    const tag = match[0]
    let at: number
    if (tag.includes(' aria-invalid="true"')) {
      if (!tag.startsWith('<fieldset')) at = match.index
      else {
        CONTROL.lastIndex = match.index + tag.length
        const control = CONTROL.exec(html)
        if (!control) return html
        at = control.index
      }
    } else if (!tag.includes(' role="alert"')) continue
    else if (FORM_ERROR_CLASS.test(tag)) {
      formError ??= match.index
      continue
    } else at = match.index
    return withAutofocus(html, at)
  }
  return formError === undefined ? html : withAutofocus(html, formError)
}

/** The tag that starts at `at`, with the autofocus attribute right after its name. */
function withAutofocus(html: string, at: number) {
  const nameEnd = at + /^<[a-z]+/.exec(html.slice(at, at + 12))![0].length
  return `${html.slice(0, nameEnd)} autofocus=""${html.slice(nameEnd)}`
}

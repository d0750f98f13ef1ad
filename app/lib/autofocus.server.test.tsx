import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { autofocusFirstInvalid } from './autofocus.server'

/** As the server renders a page: React's own markup for aria-invalid, tabIndex and the rest. */
const page = (body: JSX.Element) => renderToString(<main className="shell__main" id="main" tabIndex={-1}>{body}</main>)

describe('autofocusFirstInvalid', () => {
  it('gives the first invalid field the autofocus attribute, and only that one', () => {
    const html = page(
      <form method="post">
        <input name="title" defaultValue="ok" />
        <select name="kind" aria-invalid={true} aria-describedby="kind-error" />
        <p id="kind-error" role="alert">此项必填</p>
        <textarea name="note" aria-invalid={true} />
      </form>,
    )
    const out = autofocusFirstInvalid(html)
    expect(out).toContain('<select autofocus="" name="kind" aria-invalid="true"')
    expect(out.match(/autofocus/g)).toHaveLength(1)
    expect(out.replace(' autofocus=""', '')).toBe(html)
  })

  it('passes it from a group marked as a whole to the group’s first control', () => {
    const html = page(
      <fieldset aria-invalid={true}>
        <legend>是否</legend>
        <label>
          <input type="radio" name="yes" value="1" /> 是
        </label>
        <input type="radio" name="yes" value="0" />
      </fieldset>,
    )
    expect(autofocusFirstInvalid(html)).toContain('<fieldset aria-invalid="true"><legend>是否</legend><label><input autofocus="" type="radio" name="yes" value="1"/>')
  })

  it('lets an error summary the page focuses by script take it when it comes first', () => {
    const html = page(
      <form method="post">
        <div className="error-summary" role="alert" tabIndex={-1}>
          <a href="#field-a">请修正</a>
        </div>
        <input id="field-a" aria-invalid={true} />
      </form>,
    )
    const out = autofocusFirstInvalid(html)
    expect(out).toContain('<div autofocus="" class="error-summary" role="alert" tabindex="-1">')
    expect(out.match(/autofocus/g)).toHaveLength(1)
  })

  it('gives it to a form-level error when no field is invalid, wherever the error stands', () => {
    // the users page: "cannot deactivate your own account" above the roles, the refused form further down
    const html = page(
      <>
        <p className="form__error" role="alert" tabIndex={-1}>
          不能停用自己的账号
        </p>
        <form method="post">
          <select name="orgId" aria-invalid={undefined} />
        </form>
        <details className="confirm">
          <form method="post">
            <button type="submit" name="intent" value="deactivate">
              停用
            </button>
          </form>
        </details>
      </>,
    )
    const out = autofocusFirstInvalid(html)
    expect(out).toContain('<p autofocus="" class="form__error" role="alert" tabindex="-1">')
    expect(out.match(/autofocus/g)).toHaveLength(1)
    expect(out.replace(' autofocus=""', '')).toBe(html)
  })

  it('lets the first invalid field win over a form-level error before it, and the error summary too', () => {
    const field = page(
      <form method="post">
        <p id="form-error" className="form__error" role="alert" tabIndex={-1}>
          模板有误
        </p>
        <input name="a" />
        <select name="validFrom" aria-invalid={true} />
      </form>,
    )
    const out = autofocusFirstInvalid(field)
    expect(out).toContain('<select autofocus="" name="validFrom" aria-invalid="true"')
    expect(out.match(/autofocus/g)).toHaveLength(1)
    // the report page: a conflict's form-level error above the form, the form's own error summary below it
    const summary = page(
      <>
        <div className="form__error" role="alert" tabIndex={-1}>
          <p>已被他人修改</p>
        </div>
        <form method="post">
          <div className="error-summary" role="alert" tabIndex={-1}>
            <a href="#field-a">请修正</a>
          </div>
          <input id="field-a" aria-invalid={true} />
        </form>
      </>,
    )
    const outSummary = autofocusFirstInvalid(summary)
    expect(outSummary).toContain('<div autofocus="" class="error-summary" role="alert" tabindex="-1">')
    expect(outSummary.match(/autofocus/g)).toHaveLength(1)
  })

  it('leaves a page without errors as it is (the shell’s focusable main is no target)', () => {
    const html = page(
      <form method="post">
        <input name="a" aria-invalid={undefined} />
        <p role="alert">已保存</p>
      </form>,
    )
    expect(autofocusFirstInvalid(html)).toBe(html)
  })
})

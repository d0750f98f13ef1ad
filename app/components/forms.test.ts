import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldErrorsFrom, focusTargetAfterPost } from './forms'

const t = ((key: string) => `«${key}»`) as unknown as TFunction

describe('fieldErrorsFrom', () => {
  const schema = z.object({
    villageId: z.string().min(1, 'validation.required').regex(/^[0-9a-f-]{36}$/, 'validation.invalid'),
    password: z.string().min(1, 'validation.required').min(10, 'validation.passwordTooShort').regex(/\d/, 'validation.passwordNeedsDigit'),
    note: z.string().max(3, 'validation.tooLong').max(3, 'validation.tooLong'),
  })

  it('says only "required" of a field left empty', () => {
    const result = schema.safeParse({ villageId: '', password: '', note: '' })
    expect(fieldErrorsFrom(result.error!, t)).toEqual({ villageId: ['«validation.required»'], password: ['«validation.required»'] })
  })

  it('says every rule a filled field breaks, each once', () => {
    const result = schema.safeParse({ villageId: 'x', password: 'short', note: 'too long' })
    expect(fieldErrorsFrom(result.error!, t)).toEqual({
      villageId: ['«validation.invalid»'],
      password: ['«validation.passwordTooShort»', '«validation.passwordNeedsDigit»'],
      note: ['«validation.tooLong»'],
    })
  })

  it('puts an issue of no field under "form", and a message that is no key as "invalid"', () => {
    const result = z.string().refine(() => false, 'boom').safeParse('')
    expect(fieldErrorsFrom(result.error!, t)).toEqual({ form: ['«validation.invalid»'] })
  })
})

/**
 * A stand-in for the DOM (vitest runs in node): elements with a tag, attributes and children, answering
 * the simple selectors focusTargetAfterPost asks (tag, .class, [attr="value"], lists) in document order.
 */
interface FakeNode {
  tag: string
  attrs: Record<string, string>
  children: FakeNode[]
}
const el = (tag: string, attrs: Record<string, string> = {}, ...children: FakeNode[]): FakeNode => ({ tag, attrs, children })
const matchesOne = (node: FakeNode, selector: string) =>
  [...selector.matchAll(/^[a-z]+|\.[\w-]+|\[([\w-]+)="([^"]*)"\]/g)].every(([part, attr, value]) =>
    part.startsWith('.') ? (node.attrs.class ?? '').split(' ').includes(part.slice(1)) : part.startsWith('[') ? node.attrs[attr ?? ''] === value : node.tag === part,
  )
const matches = (node: FakeNode, selector: string) => selector.split(',').some((s) => matchesOne(node, s.trim()))
const descendants = (node: FakeNode): FakeNode[] => node.children.flatMap((c) => [c, ...descendants(c)])
function dom(node: FakeNode): HTMLElement {
  return {
    node,
    matches: (selector: string) => matches(node, selector),
    querySelector: (selector: string) => {
      const found = descendants(node).find((d) => matches(d, selector))
      return found ? dom(found) : null
    },
  } as unknown as HTMLElement
}
const nodeOf = (e: HTMLElement | null) => (e as unknown as { node: FakeNode } | null)?.node

describe('focusTargetAfterPost', () => {
  const formError = el('p', { class: 'form__error', role: 'alert', tabindex: '-1' })

  it('picks the first invalid field of the form, or a group’s first control', () => {
    const first = el('select', { name: 'kind', 'aria-invalid': 'true' })
    const form = el('form', {}, el('input', { name: 'a' }), first, el('textarea', { 'aria-invalid': 'true' }))
    expect(nodeOf(focusTargetAfterPost(dom(form), dom(el('body', {}, form))))).toBe(first)
    const radio = el('input', { type: 'radio' })
    const group = el('form', {}, el('fieldset', { 'aria-invalid': 'true' }, el('legend'), radio))
    expect(nodeOf(focusTargetAfterPost(dom(group), dom(el('body', {}, group))))).toBe(radio)
  })

  it('prefers an invalid field to a form-level error that comes before it', () => {
    const field = el('input', { 'aria-invalid': 'true' })
    const form = el('form', {}, formError, field)
    expect(nodeOf(focusTargetAfterPost(dom(form), dom(el('body', {}, form))))).toBe(field)
  })

  it('picks the form-level error when no field is invalid, inside the form or elsewhere on the page', () => {
    const inside = el('form', {}, formError, el('input', { name: 'email' }))
    expect(nodeOf(focusTargetAfterPost(dom(inside), dom(el('body', {}, inside))))).toBe(formError)
    // the users page: "cannot deactivate your own account" stands above the table, the form is in a row
    const form = el('form', {}, el('button', { name: 'intent', value: 'deactivate' }))
    const page = el('body', {}, el('p', { class: 'field__error', role: 'alert' }), formError, el('details', {}, form))
    expect(nodeOf(focusTargetAfterPost(dom(form), dom(page)))).toBe(formError)
    // a form gone with the answer (a locked report shows none): the page's error still takes it
    expect(nodeOf(focusTargetAfterPost(null, dom(page)))).toBe(formError)
  })

  it('picks nothing when nothing is marked (an answer without errors; a message not focusable)', () => {
    const form = el('form', {}, el('input', { name: 'a' }))
    expect(focusTargetAfterPost(dom(form), dom(el('body', {}, el('p', { class: 'form__error', role: 'alert' }), form)))).toBeNull()
  })
})

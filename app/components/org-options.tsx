import { useTranslation } from 'react-i18next'

export interface OrgChoice {
  id: string
  name: string | null
  name_en?: string | null
  /** Levels below the form's scope: indents the option (tree-shaped lists, such as the user forms'). */
  depth?: number
}

/** An org's name in the user's language: the English name when the UI is in English and the org has one. */
export function useOrgName() {
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  return (o: { name: string | null; name_en?: string | null } | null | undefined) => (o ? (en && o.name_en) || o.name || '—' : '—')
}

/** Orgs as the `<option>`s of a select, each named in the user's language (the select and its first option stay the form's own). */
export function OrgOptions({ orgs }: { orgs: readonly OrgChoice[] }) {
  const name = useOrgName()
  return orgs.map((o) => (
    <option key={o.id} value={o.id}>
      {/* one text node: no separator comment inside the option */}
      {'\u3000'.repeat(o.depth ?? 0) + name(o)}
    </option>
  ))
}

import { z } from 'zod'

/**
 * The shape of a report template version's definition (report_templates.definition): sections of
 * typed fields with labels and help in both languages. Templates are data; the form, its
 * validation, the review diff and the exports are all generated from them.
 */
// Postgres refuses a NUL byte in jsonb text: a label with one is invalid input, not a database error
const label = z.string().min(1).max(200).refine((v) => !v.includes('\u0000'), 'a label has a NUL byte')
export const localizedSchema = z.object({ 'zh-CN': label, en: label })
export type Localized = z.infer<typeof localizedSchema>

export const FIELD_TYPES = ['integer', 'decimal', 'boolean', 'choice', 'text', 'longtext'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

const key = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'keys are lower_snake_case')

export const fieldSchema = z
  .object({
    key,
    type: z.enum(FIELD_TYPES),
    label: localizedSchema,
    help: localizedSchema.optional(),
    unit: localizedSchema.optional(),
    required: z.boolean().default(false),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** decimal places kept for 'decimal' (money: 2) */
    scale: z.number().int().min(0).max(4).optional(),
    maxLength: z.number().int().min(1).max(5000).optional(),
    choices: z.array(z.object({ value: key, label: localizedSchema })).min(2).optional(),
    /** ask for a comment when the value is far above the village's own history */
    outlierCheck: z.boolean().default(false),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'choice' && !f.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice field lists its choices' })
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min is above max' })
  })
export type TemplateField = z.infer<typeof fieldSchema>

export const sectionSchema = z.object({
  key,
  label: localizedSchema,
  fields: z.array(fieldSchema).min(1),
})
export type TemplateSection = z.infer<typeof sectionSchema>

export const templateDefinitionSchema = z
  .object({ sections: z.array(sectionSchema).min(1) })
  .superRefine((d, ctx) => {
    const seen = new Set<string>()
    d.sections.forEach((s, si) =>
      s.fields.forEach((f, fi) => {
        if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'fields', fi, 'key'], message: `duplicate field key ${f.key}` })
        seen.add(f.key)
      }),
    )
  })
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>

/**
 * What a new version's definition must meet besides: a section key and a choice's value name one
 * thing each (the form's ids and the stored values use them). Stored versions are read with
 * templateDefinitionSchema alone, so a version saved before these rules still opens.
 */
export const newTemplateDefinitionSchema = templateDefinitionSchema.superRefine((d, ctx) => {
  const sections = new Set<string>()
  d.sections.forEach((s, si) => {
    if (sections.has(s.key)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'key'], message: `duplicate section key ${s.key}` })
    sections.add(s.key)
    s.fields.forEach((f, fi) => {
      const values = new Set<string>()
      f.choices?.forEach((c, ci) => {
        if (values.has(c.value)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'fields', fi, 'choices', ci, 'value'], message: `duplicate choice value ${c.value}` })
        values.add(c.value)
      })
    })
  })
})

/** Every field of a definition, in form order. */
export function fieldsOf(definition: TemplateDefinition): TemplateField[] {
  return definition.sections.flatMap((s) => s.fields)
}

/** Label in the user's language. */
export function localized(text: Localized | undefined, language: string): string {
  if (!text) return ''
  return language === 'en' ? text.en : text['zh-CN']
}

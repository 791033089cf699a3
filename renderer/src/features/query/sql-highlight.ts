/**
 * Syntax colours from the theme's CSS variables, so keywords, strings and
 * numbers stay readable in the dark theme too (CodeMirror's default palette is
 * made for light backgrounds).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { tags } from '@lezer/highlight'

export const sqlHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: 'var(--syntax-keyword)', fontWeight: '600' },
    { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
    { tag: [tags.number, tags.bool, tags.null], color: 'var(--syntax-number)' },
    { tag: [tags.lineComment, tags.blockComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
    { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--syntax-type)' },
    { tag: [tags.function(tags.variableName), tags.special(tags.name)], color: 'var(--syntax-function)' }
  ])
)

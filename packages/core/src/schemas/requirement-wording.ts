import type { DeepReadonly, Requirement } from '../standard/schema'

type WordingSource = DeepReadonly<
  Pick<Requirement, 'label' | 'labelEn' | 'quantity' | 'onlyIf' | 'attributes' | 'alternatives'>
>

/**
 * The checklist wording of a requirement, derived from its label, attributes, quantity, either/or
 * group and "bila ada" condition, in Indonesian and English; empty for a requirement with none of
 * these (so a standard without them keeps its checklist as it was).
 * @example
 * ```ts
 * derivedWording({ label: 'Pas foto', quantity: 2, attributes: { size: '3x4', background: 'merah' } })
 * // { wording: 'Pas foto 3x4, latar merah, 2 lembar', wordingEn: 'Pas foto 3x4, merah background, 2 copies' }
 * ```
 */
export function derivedWording(r: WordingSource): { wording?: string; wordingEn?: string } {
  const a = r.attributes
  const alternatives = r.alternatives ?? []
  if (!a && alternatives.length === 0 && r.onlyIf !== 'available') return {}
  const parts: Array<[string, string] | false | undefined> = [
    a?.size !== undefined && [a.size, a.size],
    a?.colour !== undefined &&
      (a.colour === 'berwarna' ? ['berwarna', 'colour'] : ['hitam putih', 'black and white']),
    a?.background !== undefined && [`latar ${a.background}`, `${a.background} background`],
    a?.recent && ['terbaru', 'recent'],
    a?.valid && ['masih berlaku', 'still valid'],
    a?.note !== undefined && [a.note, a.note],
    r.quantity > 1 && [`${r.quantity} lembar`, `${r.quantity} copies`],
  ]
  const given = parts.filter((p): p is [string, string] => Array.isArray(p))
  const id = given.map((p) => p[0])
  const en = given.map((p) => p[1])
  let wording = [r.label, id.join(', ')].filter(Boolean).join(' ')
  let wordingEn = [r.labelEn ?? r.label, en.join(', ')].filter(Boolean).join(' ')
  if (alternatives.length) {
    wording += `: salah satu dari ${alternatives.map((x) => x.label).join(' atau ')}`
    wordingEn += `: one of ${alternatives.map((x) => x.labelEn ?? x.label).join(' or ')}`
  }
  if (r.onlyIf === 'available') {
    wording += ' (bila ada)'
    wordingEn += ' (if any)'
  }
  return { wording, wordingEn }
}

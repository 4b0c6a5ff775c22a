import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const portalDir = fileURLToPath(new URL('..', import.meta.url))
const repo = resolve(portalDir, '../..')
const guidesDir = join(repo, 'docs', 'guides')
const guides = readdirSync(guidesDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => join(guidesDir, f))
// Inside the portal folder, so that the blocks resolve @ak1/*, hono and express as the portal does.
const scratch = mkdtempSync(join(portalDir, '.guides-check-'))

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** The fenced ts/js blocks of a markdown text. */
function codeBlocks(markdown: string): Array<{ lang: string; code: string; line: number }> {
  const blocks: Array<{ lang: string; code: string; line: number }> = []
  const pattern = /^```(\w+)[^\n]*\n([\s\S]*?)^```/gm
  for (const match of markdown.matchAll(pattern)) {
    const lang = match[1] ?? ''
    if (!['ts', 'typescript', 'js', 'javascript'].includes(lang)) continue
    const line = markdown.slice(0, match.index).split('\n').length
    blocks.push({ lang, code: match[2] ?? '', line })
  }
  return blocks
}

/** GitHub-style anchors of a markdown text's headings. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>()
  for (const match of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (match[1] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replaceAll(' ', '-')
    out.add(slug)
  }
  return out
}

describe('the guides under docs/guides', () => {
  it('exist: audit anchoring, configuring a standard, embedding, a kabupaten on PostgreSQL, operating and writing an adapter', () => {
    expect(guides.map((g) => g.slice(guidesDir.length + 1)).sort()).toEqual([
      'audit-anchoring.md',
      'configuring-a-standard.md',
      'embedding.md',
      'kabupaten-postgres.md',
      'operating.md',
      'writing-an-adapter.md',
    ])
  })

  it('have code blocks that type-check against the packages', () => {
    const files: string[] = []
    const origin = new Map<string, string>()
    for (const guide of guides) {
      const blocks = codeBlocks(readFileSync(guide, 'utf8'))
      expect(blocks.length, guide).toBeGreaterThan(0)
      for (const [i, block] of blocks.entries()) {
        const file = join(
          scratch,
          `${guide.slice(guidesDir.length + 1, -3)}-${i}.${block.lang.startsWith('j') ? 'js' : 'ts'}`,
        )
        // Each block is its own module.
        writeFileSync(
          file,
          block.code.includes('export ') || block.code.includes('import ')
            ? block.code
            : `${block.code}\nexport {}\n`,
        )
        files.push(file)
        origin.set(file, `${guide}:${block.line}`)
      }
    }
    const config = ts.readConfigFile(join(portalDir, 'tsconfig.json'), ts.sys.readFile)
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, portalDir)
    // The published types (dist, built by turbo before the tests), as an embedder compiles against them.
    const options = { ...parsed.options, customConditions: [], noEmit: true, allowJs: true, checkJs: true }
    const program = ts.createProgram(files, options)
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(resolve(d.file.fileName)))
      .map((d) => {
        const where = origin.get(resolve(d.file?.fileName ?? '')) ?? '?'
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
      })
    expect(problems).toEqual([])
  })

  it('have no broken relative link (files and heading anchors)', () => {
    const broken: string[] = []
    for (const guide of guides) {
      const text = readFileSync(guide, 'utf8').replace(/^```[\s\S]*?^```/gm, '')
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] ?? ''
        if (/^[a-z]+:/i.test(target)) continue
        const [path = '', anchor] = target.split('#')
        const file = path ? resolve(dirname(guide), path) : guide
        if (!existsSync(file)) {
          broken.push(`${guide}: ${target}`)
          continue
        }
        if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${guide}: ${target} (no such heading)`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it('are linked from the README', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8')
    for (const guide of guides) expect(readme).toContain(`docs/guides/${guide.slice(guidesDir.length + 1)}`)
  })
})

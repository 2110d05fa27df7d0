import { Marked, type Token, type Tokens } from "marked"
import { decodeHTML, decodeHTMLAttribute, decodeHTMLStrict } from "entities"

/**
 * Note bodies are Markdown written by buyers and merchants, and storefronts
 * render them with whatever Markdown library they use, usually with its
 * defaults (marked lets raw HTML through, markdown-it does not). So the body
 * is made safe on write by parsing it with a real Markdown parser (marked's
 * lexer) and serialising the token tree back to Markdown in which:
 * - every piece of text is escaped, so it can only ever be text (no raw HTML,
 *   no entity that decodes into markup, no autolink, no link syntax);
 * - raw HTML is not kept: inline tags and comments are dropped (the text
 *   between them stays), an HTML block keeps only its text, escaped;
 * - a link or image is kept only when its target, decoded and normalised the
 *   way a browser would read it, is relative or has an allowed scheme
 *   (`http`, `https`, `mailto` for links; `http`, `https` for images).
 *   Otherwise the link's text (or the image's alt text) stays as plain text.
 *   Reference definitions are resolved into inline links, so none is left.
 * Everything else (headings, paragraphs, emphasis, strikethrough, code,
 * lists, task items, blockquotes, rules, line breaks, tables) survives.
 *
 * `renderNoteHtml` renders such a body to HTML with the same library and a
 * renderer that escapes any HTML and re-checks every `href`/`src`.
 *
 * Why marked: a full CommonMark + GFM lexer with a CommonJS build (up to
 * v15; the unified/remark family is ESM-only, which this plugin's CommonJS
 * build and Jest setup cannot load), and it is the renderer whose defaults
 * are the most permissive, so its token tree is the strictest reading.
 */

/** Link schemes a note may use; anything else is shown as text. */
export const ALLOWED_LINK_SCHEMES: readonly string[] = [
  "http",
  "https",
  "mailto",
]
/** Image schemes a note may use. */
export const ALLOWED_IMAGE_SCHEMES: readonly string[] = ["http", "https"]

// Lexing only: one private instance, so that a host's `marked.use()` never
// changes how bodies are sanitised.
const lexer = new Marked({ gfm: true, breaks: false })

// Characters a browser ignores or that hide a scheme from a reader: C0/C1
// controls, every space and line separator, and invisible format characters
// (zero-width space/joiners, bidi controls, soft hyphen, BOM...).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/gu
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/gu
// A URL has a scheme when a colon comes before any of `/ ? #`. Anything of
// that shape is checked, valid scheme characters or not.
const SCHEME = /^([^/?#]*):/
// Control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

function decodingsOf(raw: string): string[] {
  // Every way the target may be read: as CommonMark reads it (entities with
  // a semicolon), as an HTML attribute (legacy entities too), and decoded
  // again and again, for a renderer or a page that decodes twice.
  const out = new Set<string>([
    raw,
    decodeHTMLStrict(raw),
    decodeHTMLAttribute(raw),
  ])
  let s = raw
  for (let i = 0; i < 4; i++) {
    const next = decodeHTML(s)
    if (next === s) {
      break
    }
    out.add(next)
    s = next
  }
  for (const v of [...out]) {
    try {
      out.add(decodeURIComponent(v))
    } catch {
      // Not percent-decodable: nothing more to read.
    }
  }
  return [...out]
}

/**
 * The target of a link or image as it should be written, or null when it is
 * not allowed. `raw` is the target as the Markdown parser read it (backslash
 * escapes resolved, entities not yet decoded).
 */
export function safeUrl(raw: string, kind: "link" | "image"): string | null {
  const allowed = kind === "link" ? ALLOWED_LINK_SCHEMES : ALLOWED_IMAGE_SCHEMES
  for (const variant of decodingsOf(raw)) {
    const scheme = SCHEME.exec(variant.replace(INVISIBLE, ""))
    if (scheme && !allowed.includes(scheme[1].toLowerCase())) {
      return null
    }
  }
  // What the target means in CommonMark: entities decoded once. Controls and
  // invisible characters are dropped, as a browser drops tabs and newlines.
  const url = decodeHTMLStrict(raw).replace(CONTROL_OR_FORMAT, "").trim()
  return url || null
}

const URL_SAFE = /[A-Za-z0-9\-._~:/?#@!$'*+,;=]/

/**
 * Writes a URL so that it means the same in a Markdown link destination and
 * in a double-quoted HTML attribute, and cannot be read any other way: no
 * space, quote, bracket, parenthesis, backslash or angle bracket (percent
 * encoded), and `&` written as `&amp;` (CommonMark decodes it, so does the
 * browser when a renderer passes it through), so no entity can form.
 */
export function encodeUrl(url: string): string {
  let out = ""
  const chars = [...url]
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (ch === "&") {
      out += "&amp;"
    } else if (ch === "%") {
      const hex = (chars[i + 1] ?? "") + (chars[i + 2] ?? "")
      out += /^[0-9A-Fa-f]{2}$/.test(hex) ? "%" : "%25"
    } else if (URL_SAFE.test(ch)) {
      out += ch
    } else {
      out += percentEncode(ch)
    }
  }
  return out
}

function percentEncode(ch: string): string {
  try {
    return encodeURIComponent(ch).replace(/\(/g, "%28").replace(/\)/g, "%29")
  } catch {
    // A lone surrogate: the replacement character.
    return "%EF%BF%BD"
  }
}

/* ---------------------------------------------------------------------- */
/* Markdown serialiser                                                     */
/* ---------------------------------------------------------------------- */

type Segment = { text: string } | { md: string }
type InlineContext = { table: boolean }

/**
 * Escapes plain text for Markdown. Always: `\ ` * _ [ ] ~ |` (emphasis, code,
 * links, strikethrough, tables). `<` unless a space follows (it can then
 * open no tag, comment or autolink). `&` when it could start an entity.
 * Line starts are handled by `escapeLineStarts`.
 */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]~|]/g, "\\$&")
    .replace(/<(?!\s)/g, "\\<")
    .replace(/&(?=[#A-Za-z0-9])/g, "\\&")
}

/**
 * Text that starts a line must not start a block: a heading, blockquote,
 * list item, setext underline or indented code.
 */
function escapeLineStarts(md: string): string {
  return md
    .split("\n")
    .map((line) =>
      line
        .replace(/^[ \t]+/, "")
        .replace(/[ \t]+$/, "")
        .replace(/^(#{1,6})(?=[ \t]|$)/, "\\$1")
        .replace(/^[>+\-=]/, "\\$&")
        .replace(/^(\d{1,9})([.)])/, "$1\\$2")
    )
    .join("\n")
}

function joinSegments(segments: Segment[]): string {
  let out = ""
  let text = ""
  for (const s of segments) {
    if ("text" in s) {
      text += s.text
    } else {
      out += escapeText(text) + s.md
      text = ""
    }
  }
  return out + escapeText(text)
}

function decodeText(text: string): string {
  return decodeHTMLStrict(text)
}

function codeSpan(text: string, ctx: InlineContext): string {
  let content = text.replace(/\n/g, " ")
  if (!content) {
    return ""
  }
  if (ctx.table) {
    content = content.replace(/\|/g, "\\|")
  }
  const longest = Math.max(
    0,
    ...(content.match(/`+/g) ?? []).map((r) => r.length)
  )
  const fence = "`".repeat(longest + 1)
  const pad =
    /^`|`$/.test(content) ||
    (/^ /.test(content) && / $/.test(content) && content.trim() !== "")
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`
}

function title(value: string | null | undefined): string {
  if (!value) {
    return ""
  }
  const t = decodeText(value).replace(/\s+/g, " ").trim()
  return t ? ` "${t.replace(/[!-/:-@[-`{-~]/g, "\\$&")}"` : ""
}

function inline(tokens: Token[] | undefined, ctx: InlineContext): Segment[] {
  const out: Segment[] = []
  for (const token of tokens ?? []) {
    out.push(...inlineToken(token, ctx))
  }
  return out
}

function wrap(marker: string, inner: Segment[]): Segment[] {
  // An empty `**` pair could become a thematic break; keep it out.
  const md = joinSegments(inner)
  return md ? [{ md: `${marker}${md}${marker}` }] : []
}

function inlineToken(token: Token, ctx: InlineContext): Segment[] {
  switch (token.type) {
    case "text": {
      const t = token as Tokens.Text
      return t.tokens?.length
        ? inline(t.tokens, ctx)
        : [{ text: decodeText(t.text) }]
    }
    case "escape":
      return [{ text: (token as Tokens.Escape).text }]
    case "html":
    case "tag":
      // Inline raw HTML (tags, comments, CDATA) is dropped; the text
      // between tags is separate tokens and stays.
      return []
    case "strong":
      return wrap("**", inline((token as Tokens.Strong).tokens, ctx))
    case "em":
      return wrap("*", inline((token as Tokens.Em).tokens, ctx))
    case "del":
      return wrap("~~", inline((token as Tokens.Del).tokens, ctx))
    case "codespan": {
      const md = codeSpan((token as Tokens.Codespan).text, ctx)
      return md ? [{ md }] : []
    }
    case "br":
      return [{ md: ctx.table ? " " : "\\\n" }]
    case "link": {
      const link = token as Tokens.Link
      const children = inline(link.tokens, ctx)
      const url = safeUrl(link.href, "link")
      if (!url) {
        return children
      }
      return [
        {
          md: `[${joinSegments(children)}](${encodeUrl(url)}${title(link.title)})`,
        },
      ]
    }
    case "image": {
      const image = token as Tokens.Image
      const alt = decodeText(image.text)
      const url = safeUrl(image.href, "image")
      if (!url) {
        return alt ? [{ text: alt }] : []
      }
      return [
        {
          md: `![${escapeText(alt)}](${encodeUrl(url)}${title(image.title)})`,
        },
      ]
    }
    default: {
      // Unknown tokens (none with the default grammar) become their text.
      const t = token as { tokens?: Token[]; text?: string; raw?: string }
      return t.tokens?.length
        ? inline(t.tokens, ctx)
        : [{ text: t.text ?? t.raw ?? "" }]
    }
  }
}

function inlineMd(tokens: Token[] | undefined): string {
  return escapeLineStarts(joinSegments(inline(tokens, { table: false })))
}

function oneLine(tokens: Token[] | undefined, ctx: InlineContext): string {
  return joinSegments(inline(tokens, ctx))
    .replace(/\s*\n\s*/g, " ")
    .trim()
}

function indent(md: string, first: string, rest: string): string {
  return md
    .split("\n")
    .map((line, i) => (i === 0 ? first + line : line ? rest + line : ""))
    .join("\n")
}

/** Text of a raw HTML block: comments, script-like elements and tags go. */
function htmlBlockText(html: string): string {
  // Best effort only: the result is escaped as text, so whatever is left
  // cannot become markup. This just avoids showing tags to readers.
  return decodeText(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
      .replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, " ")
      .replace(
        /<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi,
        " "
      )
      .replace(/<[^>]*(?:>|$)/g, " ")
  )
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim()
}

type ListState = { bullet: number; ordered: number }

function blocks(tokens: Token[] | undefined, tight = false): string {
  const parts: string[] = []
  const lists: ListState = { bullet: 0, ordered: 0 }
  let previous: string | null = null
  for (const token of tokens ?? []) {
    const md = block(token, lists, previous)
    if (token.type !== "space" && token.type !== "def") {
      previous = token.type
    }
    if (md) {
      parts.push(md)
    }
  }
  return parts.join(tight ? "\n" : "\n\n")
}

function block(
  token: Token,
  lists: ListState,
  previous: string | null
): string {
  switch (token.type) {
    case "space":
    case "def":
      return ""
    case "heading": {
      const h = token as Tokens.Heading
      const text = oneLine(h.tokens, { table: false }).replace(
        /(^|[ \t])(#+)$/,
        "$1\\$2"
      )
      return `${"#".repeat(Math.min(6, Math.max(1, h.depth)))} ${text}`.trimEnd()
    }
    case "paragraph":
      return inlineMd((token as Tokens.Paragraph).tokens)
    case "text": {
      const t = token as Tokens.Text
      return t.tokens?.length
        ? inlineMd(t.tokens)
        : escapeLineStarts(escapeText(decodeText(t.text)))
    }
    case "code": {
      const c = token as Tokens.Code
      const text = c.text.replace(/\n+$/, "")
      const longest = Math.max(
        0,
        ...(text.match(/`+/g) ?? []).map((r) => r.length)
      )
      const fence = "`".repeat(Math.max(3, longest + 1))
      const lang = (c.lang ?? "").split(/\s/)[0].replace(/[^\w+#.-]/g, "")
      return `${fence}${lang}\n${text}${text ? "\n" : ""}${fence}`
    }
    case "blockquote": {
      const inner = blocks((token as Tokens.Blockquote).tokens)
      return inner
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n")
    }
    case "hr":
      return "***"
    case "list":
      return list(token as Tokens.List, lists, previous === "list")
    case "table":
      return table(token as Tokens.Table)
    case "html": {
      const text = htmlBlockText((token as Tokens.HTML).text)
      return text ? escapeLineStarts(escapeText(text)) : ""
    }
    default: {
      const t = token as { tokens?: Token[]; text?: string }
      return t.tokens?.length
        ? blocks(t.tokens)
        : escapeLineStarts(escapeText(decodeText(t.text ?? "")))
    }
  }
}

function list(
  token: Tokens.List,
  lists: ListState,
  followsList: boolean
): string {
  // Two lists in a row stay two lists: the second uses the other marker.
  const flip = followsList ? 1 : 0
  const bullet = token.ordered ? "" : ["-", "*"][(lists.bullet + flip) % 2]
  const delim = token.ordered ? [".", ")"][(lists.ordered + flip) % 2] : ""
  if (token.ordered) {
    lists.ordered += flip
  } else {
    lists.bullet += flip
  }
  const start =
    typeof token.start === "number" && token.start >= 0 ? token.start : 1
  const items = token.items.map((item, i) => {
    const marker = token.ordered ? `${start + i}${delim} ` : `${bullet} `
    const body = blocks(item.tokens, !token.loose)
    // A task box needs text after it to be read as one again.
    const task = item.task && body ? `[${item.checked ? "x" : " "}] ` : ""
    if (!body) {
      return marker.trimEnd()
    }
    return indent(task + body, marker, " ".repeat(marker.length))
  })
  return items.join(token.loose ? "\n\n" : "\n")
}

function table(token: Tokens.Table): string {
  const ctx = { table: true }
  const row = (cells: Tokens.TableCell[]) =>
    `| ${cells.map((c) => oneLine(c.tokens, ctx) || " ").join(" | ")} |`
  const align = token.align.map((a) =>
    a === "left"
      ? ":--"
      : a === "right"
        ? "--:"
        : a === "center"
          ? ":-:"
          : "---"
  )
  return [
    row(token.header),
    `| ${align.join(" | ")} |`,
    ...token.rows.map(row),
  ].join("\n")
}

/**
 * marked's inline lexer is superlinear on some adversarial paragraphs: a
 * 20,000-character paragraph with 300 link openers (`[a](`) that never
 * close takes 4 s, 1,500 emphasis delimiter runs 0.7 s. No real
 * note comes near these bounds; a body that does is kept as plain text
 * (escaped), so a write never stalls the server. Inline parsing never
 * crosses a blank line, so each blank-line-separated chunk is weighed.
 */
function tooCostlyToParse(src: string): boolean {
  for (const chunk of src.split(/\n[ \t]*\n/)) {
    // Escaped ones do not count, so that the escaped fallback is parsed
    // normally when sanitised again (idempotence).
    const openers = chunk.match(/(?<!\\)\]\(/g)?.length ?? 0
    const delimiters = chunk.match(/(?<!\\)[*_~]+/g)?.length ?? 0
    if (openers * openers * chunk.length > 1e8 || delimiters > 500) {
      return true
    }
  }
  return false
}

/**
 * Makes a note body safe to store and to render with any common Markdown
 * renderer at its defaults (see the module comment). Idempotent.
 *
 * @example
 * sanitizeMarkdown("[x](java&#115;cript:alert(1)) <b>hi</b>") // "x hi"
 */
export function sanitizeMarkdown(input: string): string {
  const src = input.replace(CONTROL, "").replace(/\r\n?/g, "\n")
  if (tooCostlyToParse(src)) {
    return escapeLineStarts(escapeText(src)).trim()
  }
  try {
    return blocks(lexer.lexer(src)).trim()
  } catch (e) {
    if (!(e instanceof RangeError)) {
      throw e
    }
    // Thousands of nested quotes or lists exhaust the parser's stack: keep
    // such a body as plain text, escaped, rather than fail the write.
    return escapeLineStarts(escapeText(src)).trim()
  }
}

/* ---------------------------------------------------------------------- */
/* HTML renderer                                                           */
/* ---------------------------------------------------------------------- */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
}

const renderer = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // No raw HTML reaches the output: whatever is left is shown as text.
    html(token) {
      return escapeHtml(token.text)
    },
    link(token) {
      const text = this.parser.parseInline(token.tokens)
      const url = safeUrl(token.href, "link")
      if (!url) {
        return text
      }
      const t = token.title
        ? ` title="${escapeHtml(decodeText(token.title))}"`
        : ""
      // User-generated content: no ranking credit, no window.opener.
      return `<a href="${encodeUrl(url)}"${t} rel="nofollow ugc noopener">${text}</a>`
    },
    image(token) {
      const alt = escapeHtml(decodeText(token.text))
      const url = safeUrl(token.href, "image")
      if (!url) {
        return alt
      }
      const t = token.title
        ? ` title="${escapeHtml(decodeText(token.title))}"`
        : ""
      return `<img src="${encodeUrl(url)}" alt="${alt}"${t} loading="lazy">`
    },
  },
})

/**
 * Renders a note body to HTML for storefronts (`body_html`). Give it the
 * sanitised body (`sanitizeMarkdown`); the output is safe for any input all
 * the same: raw HTML is escaped, and every link and image target is checked
 * against the allow-list again. Links get `rel="nofollow ugc noopener"`.
 *
 * @example
 * renderNoteHtml("**hi** [shop](https://shop.example)")
 * // '<p><strong>hi</strong> <a href="https://shop.example" rel="nofollow ugc noopener">shop</a></p>\n'
 */
export function renderNoteHtml(body: string): string {
  try {
    return renderer.parse(body) as string
  } catch (e) {
    if (!(e instanceof RangeError)) {
      throw e
    }
    // Nesting too deep for the parser's stack (see `sanitizeMarkdown`).
    return `<p>${escapeHtml(body)}</p>\n`
  }
}

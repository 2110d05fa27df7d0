import { builtinModules } from "node:module"
import path from "node:path"
import { gzipSync } from "node:zlib"
import { build, type Plugin } from "esbuild"

const ROOT = path.resolve(__dirname, "../../..")
const ENTRY = path.join(ROOT, "src/client/index.ts")
const ALLOWED_MEDUSA = "@medusajs/js-sdk"
const BUILTINS = new Set(builtinModules)

const forbidden = (p: string) =>
  p.startsWith("node:") ||
  BUILTINS.has(p) ||
  BUILTINS.has(p.split("/")[0]) ||
  (p.startsWith("@medusajs/") &&
    p !== ALLOWED_MEDUSA &&
    !p.startsWith(`${ALLOWED_MEDUSA}/`))

type Imported = { path: string; importer: string }

/** Records every import esbuild resolves (transitively), then lets it go on. */
function recordImports(into: Imported[]): Plugin {
  return {
    name: "record-imports",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") {
          return undefined
        }
        into.push({
          path: args.path,
          importer: path.relative(ROOT, args.importer),
        })
        // Recorded is enough: not walking into Medusa's server keeps the
        // guard's own test fast.
        return forbidden(args.path)
          ? { path: args.path, external: true }
          : undefined
      })
    },
  }
}

/**
 * Bundles for the browser like a storefront would (js-sdk is the app's
 * own), keeping what was imported even when the build fails.
 */
async function bundle(entry: { file: string } | { contents: string }) {
  const imports: Imported[] = []
  const common = {
    bundle: true,
    platform: "browser" as const,
    format: "esm" as const,
    target: "es2020",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent" as const,
    external: [ALLOWED_MEDUSA],
    plugins: [recordImports(imports)],
  }
  try {
    const result = await build(
      "file" in entry
        ? { ...common, entryPoints: [entry.file] }
        : {
            ...common,
            stdin: {
              contents: entry.contents,
              resolveDir: path.join(ROOT, "src/client"),
              loader: "ts",
            },
          }
    )
    return { imports, result, error: null }
  } catch (error) {
    return { imports, result: null, error: error as Error }
  }
}

describe("the storefront client bundle", () => {
  jest.setTimeout(60_000)

  it("should bundle for the browser without Medusa's server or Node built-ins", async () => {
    const { imports, result, error } = await bundle({ file: ENTRY })
    expect(error).toBeNull()
    expect(imports.filter((i) => forbidden(i.path))).toEqual([])

    // Nothing but the client's own source: types are erased, and nothing
    // else of the plugin (or of node_modules) is pulled in.
    const inputs = Object.keys(result!.metafile!.inputs)
    expect(inputs.length).toBeGreaterThan(0)
    for (const input of inputs) {
      expect(input).toMatch(/^src\/client\/[a-z-]+\.ts$/)
    }

    const code = result!.outputFiles![0].contents
    const minified = code.byteLength
    const gzipped = gzipSync(code).byteLength
    // The figure the docs quote; a jump means something large came in.
    process.stdout.write(
      `client bundle: ${minified} B minified, ${gzipped} B gzipped\n`
    )
    expect(minified).toBeLessThan(20_000)
  })

  it("should export the client and the referral helpers from the bundle", async () => {
    const { result } = await bundle({ file: ENTRY })
    const exported = result!.metafile!.outputs
    const names = Object.values(exported)[0].exports
    expect(names).toEqual(
      expect.arrayContaining([
        "createNotesClient",
        "refFromUrl",
        "readReferral",
        "referralCookie",
        "serializeReferralCookie",
        "rememberReferral",
        "captureReferral",
        "cartMetadata",
        "parseRef",
      ])
    )
  })

  // The guard itself: an entry that imports what the client must not is
  // caught, so a passing run above means something.
  it("should catch server and Node imports when an entry has them", async () => {
    const { imports } = await bundle({
      contents: [
        'import { MedusaError } from "@medusajs/framework/utils"',
        'import { randomUUID } from "node:crypto"',
        'import { readFileSync } from "fs"',
        'import Medusa from "@medusajs/js-sdk"',
        "export const x = [MedusaError, randomUUID, readFileSync, Medusa]",
      ].join("\n"),
    })
    expect(imports.filter((i) => forbidden(i.path)).map((i) => i.path)).toEqual(
      expect.arrayContaining(["@medusajs/framework/utils", "node:crypto", "fs"])
    )
    expect(imports.map((i) => i.path)).toContain(ALLOWED_MEDUSA)
    expect(forbidden(ALLOWED_MEDUSA)).toBe(false)
  })
})

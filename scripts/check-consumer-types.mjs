// `npm run check:consumer-types` (after `npm run build`): compiles a consumer
// of the built package, as a store's code would import it, with `strict` and
// `noImplicitAny`, against the declarations the build ships. It fails when an
// export has no declaration, when a declaration leaks an implicit any, or when
// an `exports` entry points at nothing.
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))

// Every exports target must exist (wildcards: their directory must).
const missing = []
for (const [key, value] of Object.entries(pkg.exports)) {
  const targets = typeof value === "string" ? [value] : Object.values(value)
  for (const target of targets) {
    const file = path.join(
      root,
      target.includes("*") ? path.dirname(target.split("*")[0] + "x") : target
    )
    if (!fs.existsSync(file)) missing.push(`${key} -> ${target}`)
  }
}
if (missing.length) {
  console.error(
    `exports point at nothing (run npm run build first?):\n  ${missing.join("\n  ")}`
  )
  process.exit(1)
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notes-consumer-"))
try {
  fs.mkdirSync(path.join(dir, "node_modules"))
  fs.symlinkSync(root, path.join(dir, "node_modules", pkg.name), "dir")
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2021",
        module: "Node16",
        moduleResolution: "Node16",
        strict: true,
        noImplicitAny: true,
        noEmit: true,
        esModuleInterop: true,
        skipLibCheck: false,
        types: [],
      },
      files: ["consumer.ts"],
    })
  )
  fs.writeFileSync(
    path.join(dir, "consumer.ts"),
    `import { createNotesWorkflow } from "${pkg.name}/workflows"
import type { CreateNoteInput, NoteDTO } from "${pkg.name}/types"
import { NOTES_MODULE } from "${pkg.name}/modules/notes"
import { parseRef } from "${pkg.name}/client"

const input: CreateNoteInput = { title: "面霜", body: "好用" }
const status: NoteDTO["status"] = "published"
const moduleName: "notes" = NOTES_MODULE
const ref: string | null = parseRef("?ref=abc")
export const used = [createNotesWorkflow, input, status, moduleName, ref]
`
  )
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
  const run = spawnSync(process.execPath, [tsc, "-p", dir], {
    encoding: "utf8",
  })
  const out = `${run.stdout}${run.stderr}`
  // Errors inside third-party declarations are not ours to fix; ours are.
  const ours = out
    .split("\n")
    .filter(
      (line) =>
        /error TS/.test(line) &&
        !line.includes("node_modules/@") &&
        !/^node_modules\/(?!medusa-plugin)/.test(line)
    )
  if (ours.length) {
    console.error(out)
    process.exit(1)
  }
  console.log(
    `consumer compiles against ${pkg.name}'s declarations (strict, noImplicitAny)`
  )
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NOTES_MODULE } from "../../src/modules/notes"
import type NotesModuleService from "../../src/modules/notes/service"
import {
  RENDERERS,
  canonicalHtml,
  htmlViolations,
} from "../../src/modules/notes/__tests__/fixtures/html-safety"
import {
  BENIGN_NOTES,
  XSS_VECTORS,
} from "../../src/modules/notes/__tests__/fixtures/markdown-xss"
import {
  StoreFixture,
  createApprovedBuyer,
  createStoreFixture,
} from "../helpers/fixtures"

jest.setTimeout(300 * 1000)

type NoteOut = { id: string; body: string; body_html: string }

/** Every way a storefront may show a body: by its own renderers, or ours. */
function violations(note: NoteOut): string[] {
  const out: string[] = []
  for (const [name, render] of Object.entries(RENDERERS)) {
    out.push(...htmlViolations(render(note.body)).map((v) => `${name}: ${v}`))
  }
  out.push(...htmlViolations(note.body_html).map((v) => `body_html: ${v}`))
  return out
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
    })

    async function readAll(
      url: string,
      headers: { headers: Record<string, string> }
    ): Promise<NoteOut[]> {
      const out: NoteOut[] = []
      for (let offset = 0; ; offset += 50) {
        const { data } = await api.get(
          `${url}?limit=50&offset=${offset}`,
          headers
        )
        out.push(...data.notes)
        if (data.notes.length < 50) {
          return out
        }
      }
    }

    describe("Markdown bodies that run script", () => {
      it("stores every XSS vector safely through the admin and buyer APIs", async () => {
        const { session } = await createApprovedBuyer(
          api,
          getContainer(),
          f,
          "xss@notes.test",
          "xss_buyer"
        )
        const failures: Record<string, string[]> = {}
        const ids: string[] = []
        const refused: string[] = []
        const byBuyer: string[] = []
        for (const [i, vector] of XSS_VECTORS.entries()) {
          const note = {
            title: vector.name,
            body: vector.md,
            status: "published",
          }
          // Half through the admin API, half as a buyer: both write paths.
          const written = await (
            i % 2 === 0
              ? api.post("/admin/notes", note, f.adminHeaders)
              : api.post("/store/buyers/me/notes", note, session.headers)
          ).catch((e: { response?: { status?: number; data?: unknown } }) => {
            // The request guard refuses NUL characters outright: nothing is
            // written, which is safe too. Any other refusal is a failure.
            if (e.response?.status === 400 && vector.md.includes("\u0000")) {
              refused.push(vector.name)
              return null
            }
            throw new Error(
              `${vector.name}: ${e.response?.status} ${JSON.stringify(e.response?.data)}`
            )
          })
          if (!written) {
            continue
          }
          if (i % 2 === 1) {
            byBuyer.push(written.data.note.id)
          }
          const id = written.data.note.id as string
          ids.push(id)
          const read = await api.get(`/store/notes/${id}`, f.storeHeaders)
          const problems = [
            ...violations(written.data.note),
            ...violations(read.data.note),
          ]
          if (problems.length) {
            failures[vector.name] = problems
          }
          expect(read.data.note.body).toBe(written.data.note.body)
          expect(read.data.note.body_html).toBe(written.data.note.body_html)
        }
        expect(failures).toEqual({})
        expect(ids.length + refused.length).toBe(XSS_VECTORS.length)

        // List items carry body_html too: the store's, the buyer's own and
        // the admin's lists.
        const listed = await readAll("/store/notes", f.storeHeaders)
        expect(listed.map((n) => n.id).sort()).toEqual([...ids].sort())
        const mine = await readAll("/store/buyers/me/notes", session.headers)
        const admin = await readAll("/admin/notes", f.adminHeaders)
        // The admin sees every note; the buyer their own half.
        expect(admin).toHaveLength(ids.length)
        expect(mine.map((n) => n.id).sort()).toEqual([...byBuyer].sort())
        for (const note of [...listed, ...mine, ...admin]) {
          expect(typeof note.body_html).toBe("string")
          expect(violations(note)).toEqual([])
        }
      })

      it("keeps the meaning of ordinary notes", async () => {
        for (const note of BENIGN_NOTES) {
          const { data } = await api.post(
            "/admin/notes",
            { title: note.name, body: note.md, status: "published" },
            f.adminHeaders
          )
          const {
            data: { note: read },
          } = await api.get(`/store/notes/${data.note.id}`, f.storeHeaders)
          expect(violations(read)).toEqual([])
          const before = canonicalHtml(RENDERERS.marked(note.md))
          expect(canonicalHtml(RENDERERS.marked(read.body))).toBe(before)
          expect(canonicalHtml(read.body_html)).toBe(before)
        }
      })

      it("sanitises an edited body and re-renders body_html", async () => {
        const { data } = await api.post(
          "/admin/notes",
          { title: "t", body: "**safe** [shop](https://shop.example)" },
          f.adminHeaders
        )
        expect(data.note.body_html).toBe(
          '<p><strong>safe</strong> <a href="https://shop.example" rel="nofollow ugc noopener">shop</a></p>\n'
        )
        const edited = await api.post(
          `/admin/notes/${data.note.id}`,
          { body: "[x](java&#115;cript:alert(1)) <svg/onload=alert(1)>" },
          f.adminHeaders
        )
        expect(edited.data.note.body).toBe("x \\<svg/onload=alert(1)>")
        expect(edited.data.note.body_html).toBe(
          "<p>x &lt;svg/onload=alert(1)&gt;</p>\n"
        )
      })

      it("renders a note stored before body_html existed, safely", async () => {
        // Written around the workflow, as rows from before this change are:
        // an unsanitised body and no body_html.
        const service = getContainer().resolve<NotesModuleService>(NOTES_MODULE)
        const [legacy] = await service.createNotes([
          {
            title: "legacy",
            body: "[x](&#106;avascript:alert(1)) <img src=x onerror=alert(1)> **ok**",
            tags: [],
            status: "published",
            published_at: new Date(),
          },
        ])
        const { data } = await api.get(
          `/store/notes/${legacy.id}`,
          f.storeHeaders
        )
        expect(data.note.body_html).toBe("<p>x  <strong>ok</strong></p>\n")
        expect(htmlViolations(data.note.body_html)).toEqual([])

        // The migration script's backfill rewrites the stored body too,
        // keeping updated_at.
        const [before] = await service.listNotes({ id: legacy.id })
        expect(await service.backfillBodyHtml()).toBe(1)
        const [after] = await service.listNotes({ id: legacy.id })
        expect(after.body).toBe("x  **ok**")
        expect(after.body_html).toBe("<p>x  <strong>ok</strong></p>\n")
        expect(after.updated_at).toEqual(before.updated_at)
        expect(await service.backfillBodyHtml()).toBe(0)
      })
    })
  },
})

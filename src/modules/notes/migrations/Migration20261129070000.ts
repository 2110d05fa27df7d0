import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Full-text search over notes, written by hand because the data model
 * language has no generated columns.
 *
 * - Latin-script text goes through the `english` configuration (stemming,
 *   stop words).
 * - CJK text has no spaces between words, so each run of CJK characters is
 *   indexed as its overlapping bigrams plus its single characters, in the
 *   `simple` configuration. A query of two or more CJK characters becomes a
 *   phrase of adjacent bigrams (`面霜` → `'面霜'`, `面霜很好` →
 *   `'面霜' <-> '霜很' <-> '很好'`), which matches exactly the notes that
 *   contain that substring, and uses the same GIN index as English words.
 * - Title and tags weigh more (A) than the body (B) in the ranking.
 *
 * The character class must stay in sync with `CJK_CLASS` in
 * `utils/search-query.ts`.
 */
export class Migration20261129070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE OR REPLACE FUNCTION notes_cjk_tokens(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT coalesce(string_agg(tok, ' ' ORDER BY run_no, kind, i), '')
  FROM (
    SELECT r.run_no, k.kind, g.i,
      substr(r.m[1], g.i, CASE k.kind WHEN 1 THEN 2 ELSE 1 END) AS tok
    FROM regexp_matches(t, '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]+', 'g')
      WITH ORDINALITY AS r(m, run_no)
    CROSS JOIN (VALUES (1), (2)) AS k(kind)
    CROSS JOIN LATERAL generate_series(1, length(r.m[1]) - CASE k.kind WHEN 1 THEN 1 ELSE 0 END) AS g(i)
  ) AS s
$fn$;`)
    this.addSql(`
CREATE OR REPLACE FUNCTION notes_search_document(title text, body text, tags text[]) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT
    setweight(to_tsvector('english'::regconfig, regexp_replace(coalesce(title, ''), '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple'::regconfig, notes_cjk_tokens(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('english'::regconfig, regexp_replace(coalesce(array_to_string(tags, ' '), ''), '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple'::regconfig, notes_cjk_tokens(coalesce(array_to_string(tags, ' '), ''))), 'A')
    || setweight(to_tsvector('english'::regconfig, regexp_replace(coalesce(body, ''), '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]+', ' ', 'g')), 'B')
    || setweight(to_tsvector('simple'::regconfig, notes_cjk_tokens(coalesce(body, ''))), 'B')
$fn$;`)
    this.addSql(
      `ALTER TABLE "note" ADD COLUMN IF NOT EXISTS "search_vector" tsvector GENERATED ALWAYS AS (notes_search_document("title", "body", "tags")) STORED;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_search_vector" ON "note" USING gin ("search_vector") WHERE "deleted_at" IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_tags" ON "note" USING gin ("tags") WHERE "deleted_at" IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_note_tags";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_note_search_vector";`)
    this.addSql(`ALTER TABLE "note" DROP COLUMN IF EXISTS "search_vector";`)
    this.addSql(
      `DROP FUNCTION IF EXISTS notes_search_document(text, text, text[]);`
    )
    this.addSql(`DROP FUNCTION IF EXISTS notes_cjk_tokens(text);`)
  }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  SUMS,
  TRIGGERS,
  fn,
  rebuildFunctionSql,
} from "../rollup/ledger-triggers-sql"

/**
 * The ledger's rollups for reports (docs/reports.md): `ledger_rollup` (15
 * minutes × buyer × note × product × currency) and `ledger_buyer_day`
 * (UTC day × buyer × currency), generated, then by hand (the data model
 * language has neither numeric columns without a `raw_*` twin nor
 * triggers):
 *
 * - their money columns, plain `numeric` (see the `ledger_rollup` model);
 * - statement-level triggers on `commission_entry` that keep them exact in
 *   the transaction of every ledger write: one aggregated upsert per
 *   INSERT, UPDATE or DELETE statement (a settlement run updates a million
 *   entries in a few statements), never one per row;
 * - `commission_ledger_rollup_rebuild(buyer_ids)`, which recomputes some
 *   buyers' rows from the ledger with the very same expressions.
 *
 * An entry counts while it is live (not `void`, not soft-deleted): its
 * amount under its type (`accrued`, `reversed`, `adjusted`) and under its
 * current status (`pending`, `on_hold`, `approved`, `paid`), an accrual's
 * base under `sales`, and 1 under `entries`. An UPDATE applies, per entry
 * whose status, liveness, money or dimensions changed, its new
 * contribution minus its old one (two rows of deltas, each to its own
 * bucket); a DELETE (a workflow compensation undoing its own write)
 * subtracts what it removes.
 */
export class Migration20261201035004 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "ledger_rollup" drop constraint if exists "ledger_rollup_bucket_buyer_id_note_id_product_id_currency_code_unique";`
    )
    this.addSql(
      `alter table if exists "ledger_buyer_day" drop constraint if exists "ledger_buyer_day_day_buyer_id_currency_code_unique";`
    )
    this.addSql(
      `create table if not exists "ledger_buyer_day" ("id" text not null, "day" timestamptz not null, "buyer_id" text not null, "currency_code" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "ledger_buyer_day_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_buyer_day_deleted_at" ON "ledger_buyer_day" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_ledger_buyer_day_day_buyer_id_currency_code_unique" ON "ledger_buyer_day" ("day", "buyer_id", "currency_code");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_buyer_day_buyer_id_day" ON "ledger_buyer_day" ("buyer_id", "day");`
    )

    this.addSql(
      `create table if not exists "ledger_rollup" ("id" text not null, "bucket" timestamptz not null, "buyer_id" text not null, "note_id" text not null default '', "product_id" text not null default '', "currency_code" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "ledger_rollup_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_rollup_deleted_at" ON "ledger_rollup" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_ledger_rollup_bucket_buyer_id_note_id_product_id_currency_code_unique" ON "ledger_rollup" ("bucket", "buyer_id", "note_id", "product_id", "currency_code");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_rollup_buyer_id_bucket" ON "ledger_rollup" ("buyer_id", "bucket");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_rollup_note_id_bucket" ON "ledger_rollup" ("note_id", "bucket");`
    )

    // ---- by hand from here ----
    for (const table of ["ledger_rollup", "ledger_buyer_day"]) {
      this.addSql(
        `ALTER TABLE "${table}" ${SUMS.map(
          (c) =>
            `ADD COLUMN IF NOT EXISTS "${c}" ${c === "entries" ? "bigint" : "numeric"} NOT NULL DEFAULT 0`
        ).join(", ")};`
      )
      // Rollup rows are never soft-deleted: the index would hold every row
      // and cost a write per insert (the snapshot keeps it, so db:generate
      // does not bring it back).
      this.addSql(`DROP INDEX IF EXISTS "IDX_${table}_deleted_at";`)
    }
    for (const t of TRIGGERS) {
      this.addSql(fn(t.name, t.body))
      this.addSql(`DROP TRIGGER IF EXISTS ${t.name} ON commission_entry;`)
      this.addSql(`
CREATE TRIGGER ${t.name}
AFTER ${t.event} ON commission_entry
REFERENCING ${t.referencing}
FOR EACH STATEMENT EXECUTE FUNCTION ${t.name}();`)
    }
    // Some buyers' rows recomputed from the ledger, with the triggers' own
    // expressions. SHARE mode: no ledger write (so no trigger) runs between
    // the delete and the insert; reads go on. Held to the end of the caller's
    // transaction, which should be short (rollup/rebuild.ts: a batch).
    this.addSql(rebuildFunctionSql())
  }

  override async down(): Promise<void> {
    for (const t of TRIGGERS) {
      this.addSql(`DROP TRIGGER IF EXISTS ${t.name} ON commission_entry;`)
      this.addSql(`DROP FUNCTION IF EXISTS ${t.name}();`)
    }
    this.addSql(
      `DROP FUNCTION IF EXISTS commission_ledger_rollup_rebuild(text[]);`
    )
    this.addSql(`drop table if exists "ledger_buyer_day" cascade;`)

    this.addSql(`drop table if exists "ledger_rollup" cascade;`)
  }
}

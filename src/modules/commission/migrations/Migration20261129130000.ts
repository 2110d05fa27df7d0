import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Drops the soft-delete index the data model language adds to every table,
 * on the ledger: an entry is never soft-deleted (the guard trigger refuses
 * it), so the index holds every row and only costs a write on every
 * status change (approval, claim, payment: 10,000 buyers with 1,000,000
 * entries make two million of them per settlement run). The model's
 * snapshot keeps it, so `db:generate` does not bring it back.
 */
export class Migration20261129130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_commission_entry_deleted_at";`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_entry_deleted_at" ON "commission_entry" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  LEDGER_PENDING_TABLE_SQL,
  ledgerFoldFunctionSql,
  ledgerTriggerFunctionsSql,
  rebuildWithFoldSql,
} from "../rollup/ledger-fold-sql"
import { rebuildFunctionSql, upsert } from "../rollup/ledger-triggers-sql"

/*
 * The ledger's rollup triggers append their deltas to
 * `ledger_rollup_pending`; `commission_ledger_fold()` adds them to the
 * rollups (the report-rollups job every second, every ledger read first,
 * the rebuild first). See rollup/ledger-fold-sql.ts and docs/reports.md.
 * `commission_entry` is held in SHARE mode while the functions change, so
 * every entry's change is counted once: upserted by the old functions, or
 * appended and folded.
 */
export class Migration20261206095700 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`LOCK TABLE commission_entry IN SHARE MODE;`)
    this.addSql(LEDGER_PENDING_TABLE_SQL)
    this.addSql(ledgerFoldFunctionSql())
    for (const sql of ledgerTriggerFunctionsSql()) {
      this.addSql(sql)
    }
    this.addSql(rebuildWithFoldSql())
  }

  override async down(): Promise<void> {
    // The pending deltas folded, then the triggers upsert themselves again.
    this.addSql(`LOCK TABLE commission_entry IN SHARE MODE;`)
    this.addSql(`SELECT commission_ledger_fold();`)
    for (const sql of ledgerTriggerFunctionsSql(upsert)) {
      this.addSql(sql)
    }
    this.addSql(rebuildFunctionSql())
    this.addSql(`DROP FUNCTION IF EXISTS commission_ledger_fold();`)
    this.addSql(`DROP TABLE IF EXISTS ledger_rollup_pending;`)
  }
}

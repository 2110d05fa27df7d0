import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  FN_SETTINGS,
  updateTriggerFunctionSql,
} from "../rollup/ledger-triggers-sql"

/**
 * The ledger rollup's UPDATE trigger function without nested loops (see
 * FN_SETTINGS_NO_NESTLOOP in ../rollup/ledger-triggers-sql.ts): its check
 * "did any entry's money move" ran as a nested loop over the two
 * transition tables, quadratic in the rows updated, and an UPDATE that
 * moved no money (the settlement claim) scanned every pair: 110 s for
 * 20,000 entries, now 1 s. Same body, same results; the trigger itself
 * is unchanged (it calls the function by name).
 */
export class Migration20261205230000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(updateTriggerFunctionSql())
  }

  override async down(): Promise<void> {
    this.addSql(updateTriggerFunctionSql(FN_SETTINGS))
  }
}

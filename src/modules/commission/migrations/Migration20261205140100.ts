import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Every buyer's rows of an hour at once (the leaderboard's partial days):
 * the hourly tables' primary key leads with the scope, so a read across
 * buyers needs the hour first. Covering, so the read is index-only; the
 * program's '*' rows are left out.
 */
export class Migration20261205140100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_hour_hour_buyers" ON ledger_hour (hour) INCLUDE (scope, currency_code, sales, accrued, reversed, adjusted, pending, on_hold, approved, paid, entries) WHERE scope <> '*';`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_ledger_hour_hour_buyers";`)
  }
}

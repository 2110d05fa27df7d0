import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Every buyer's rows of an hour at once (the leaderboard's partial days):
 * the hourly tables' primary key leads with the scope, so a read across
 * buyers needs the hour first. Covering, so the read is index-only; the
 * program's '*' rows are left out.
 */
export class Migration20261205140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_hour_hour_buyers" ON click_hour (hour) INCLUDE (scope, counted, dropped_head, dropped_bot, dropped_duplicate, dropped_burst, dropped_not_earning) WHERE scope <> '*';`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_hour_hour_buyers" ON order_hour (hour) INCLUDE (scope, orders, units) WHERE scope <> '*';`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_click_hour_hour_buyers";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_order_hour_hour_buyers";`)
  }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261201042246 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "order_attribution" add column if not exists "customer_id" text null, add column if not exists "shipping_address_hash" text null;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_attribution_decided_at" ON "order_attribution" ("decided_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_order_attribution_decided_at";`)
    this.addSql(
      `alter table if exists "order_attribution" drop column if exists "customer_id", drop column if exists "shipping_address_hash";`
    )
  }
}

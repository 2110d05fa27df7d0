import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261129085925 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "commission_rule" ("id" text not null, "scope" text check ("scope" in ('default', 'product', 'variant', 'collection', 'category', 'tier', 'buyer', 'buyer_product')) not null, "type" text check ("type" in ('percentage', 'flat')) not null, "rate" numeric null, "amount" numeric null, "currency_code" text null, "product_id" text null, "variant_id" text null, "collection_id" text null, "category_id" text null, "tier" text null, "buyer_id" text null, "starts_at" timestamptz null, "ends_at" timestamptz null, "cap_amount" numeric null, "cap_currency_code" text null, "is_active" boolean not null default true, "created_by" text null, "updated_by" text null, "raw_rate" jsonb null, "raw_amount" jsonb null, "raw_cap_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "commission_rule_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_rule_deleted_at" ON "commission_rule" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_rule_scope_is_active" ON "commission_rule" ("scope", "is_active") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_rule_buyer_id" ON "commission_rule" ("buyer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_rule_product_id" ON "commission_rule" ("product_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "commission_rule" cascade;`)
  }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261129094032 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "commission_entry" drop constraint if exists "commission_entry_source_key_unique";`
    )
    this.addSql(
      `create table if not exists "commission_entry" ("id" text not null, "source_key" text not null, "type" text check ("type" in ('accrual', 'reversal', 'adjustment')) not null, "status" text check ("status" in ('pending', 'approved', 'on_hold', 'paid', 'void')) not null, "buyer_id" text not null, "currency_code" text not null, "amount" numeric not null, "base_amount" numeric null, "quantity" integer null, "order_id" text null, "order_line_id" text null, "attribution_line_id" text null, "note_id" text null, "product_id" text null, "variant_id" text null, "rule_id" text null, "rule_scope" text null, "rule_type" text null, "rule_rate" numeric null, "rule_amount" numeric null, "rule_cap_amount" numeric null, "reverses_id" text null, "reason" text null, "actor_id" text null, "available_at" timestamptz null, "approved_at" timestamptz null, "settlement_id" text null, "metadata" jsonb null, "raw_amount" jsonb not null, "raw_base_amount" jsonb null, "raw_rule_rate" jsonb null, "raw_rule_amount" jsonb null, "raw_rule_cap_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "commission_entry_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_entry_deleted_at" ON "commission_entry" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_commission_entry_source_key_unique" ON "commission_entry" ("source_key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_entry_buyer_id_currency_code_status" ON "commission_entry" ("buyer_id", "currency_code", "status") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_entry_order_id" ON "commission_entry" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_entry_status_available_at" ON "commission_entry" ("status", "available_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_entry_settlement_id" ON "commission_entry" ("settlement_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_commission_entry_reverses_id" ON "commission_entry" ("reverses_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "commission_entry" cascade;`)
  }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** `buyer_promo_code`: a buyer's personal promo codes (Medusa promotions). */
export class Migration20261206060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "buyer_promo_code" ("id" text not null, "buyer_id" text not null, "promotion_id" text not null, "campaign_id" text null, "code" text not null, "status" text check ("status" in ('active', 'disabled')) not null default 'active', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "buyer_promo_code_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_buyer_promo_code_deleted_at" ON "buyer_promo_code" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_buyer_promo_code_code_unique" ON "buyer_promo_code" ("code") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_buyer_promo_code_promotion_id_unique" ON "buyer_promo_code" ("promotion_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_buyer_promo_code_buyer_id_created_at" ON "buyer_promo_code" ("buyer_id", "created_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "buyer_promo_code" cascade;`)
  }
}

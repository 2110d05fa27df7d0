import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261129080444 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "referral_click" ("id" text not null, "code" text not null, "note_id" text not null, "note_product_id" text not null, "buyer_id" text null, "product_id" text not null, "variant_id" text null, "visitor_id" text not null, "ip_hash" text not null, "user_agent" text null, "referer" text null, "utm_source" text null, "utm_medium" text null, "utm_campaign" text null, "utm_term" text null, "utm_content" text null, "clicked_at" timestamptz not null, "dropped_reason" text check ("dropped_reason" in ('head', 'bot', 'duplicate', 'burst', 'not_earning')) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "referral_click_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_referral_click_deleted_at" ON "referral_click" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_referral_click_buyer_id_clicked_at" ON "referral_click" ("buyer_id", "clicked_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_referral_click_note_id_clicked_at" ON "referral_click" ("note_id", "clicked_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_referral_click_visitor_id_clicked_at" ON "referral_click" ("visitor_id", "clicked_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "referral_click" cascade;`)
  }
}

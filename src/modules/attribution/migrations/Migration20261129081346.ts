import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261129081346 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "attribution_line" drop constraint if exists "attribution_line_order_line_id_unique";`
    )
    this.addSql(
      `alter table if exists "order_attribution" drop constraint if exists "order_attribution_order_id_unique";`
    )
    this.addSql(
      `create table if not exists "order_attribution" ("id" text not null, "order_id" text not null, "outcome" text check ("outcome" in ('attributed', 'none')) not null, "reason" text not null, "click_id" text null, "buyer_id" text null, "note_id" text null, "basket" text check ("basket" in ('tagged', 'order')) not null, "window_days" integer not null, "decided_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_attribution_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_attribution_deleted_at" ON "order_attribution" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_attribution_order_id_unique" ON "order_attribution" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_attribution_buyer_id_decided_at" ON "order_attribution" ("buyer_id", "decided_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "attribution_line" ("id" text not null, "order_id" text not null, "order_line_id" text not null, "click_id" text not null, "buyer_id" text not null, "note_id" text not null, "product_id" text null, "variant_id" text null, "quantity" integer not null, "order_attribution_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_line_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_attribution_line_order_attribution_id" ON "attribution_line" ("order_attribution_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_attribution_line_deleted_at" ON "attribution_line" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_line_order_line_id_unique" ON "attribution_line" ("order_line_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_attribution_line_order_id" ON "attribution_line" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_attribution_line_buyer_id" ON "attribution_line" ("buyer_id") WHERE deleted_at IS NULL;`
    )

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

    this.addSql(
      `alter table if exists "attribution_line" add constraint "attribution_line_order_attribution_id_foreign" foreign key ("order_attribution_id") references "order_attribution" ("id") on update cascade;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "attribution_line" drop constraint if exists "attribution_line_order_attribution_id_foreign";`
    )

    this.addSql(`drop table if exists "order_attribution" cascade;`)

    this.addSql(`drop table if exists "attribution_line" cascade;`)

    this.addSql(`drop table if exists "referral_click" cascade;`)
  }
}

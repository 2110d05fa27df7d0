import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261201032345 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "referral_click_failure" drop constraint if exists "referral_click_failure_click_id_unique";`
    )
    this.addSql(
      `create table if not exists "referral_click_failure" ("id" text not null, "kind" text check ("kind" in ('rejected', 'overflow')) not null, "click_id" text null, "reason" text not null, "payload" text not null, "clicks" integer not null default 1, "attempts" integer not null default 1, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "referral_click_failure_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_referral_click_failure_deleted_at" ON "referral_click_failure" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_referral_click_failure_click_id_unique" ON "referral_click_failure" ("click_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_referral_click_failure_last_seen_at" ON "referral_click_failure" ("last_seen_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "referral_click_failure" cascade;`)
  }
}

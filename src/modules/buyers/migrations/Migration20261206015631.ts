import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206015631 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "buyer_follow" drop constraint if exists "buyer_follow_buyer_id_customer_id_unique";`
    )
    this.addSql(
      `create table if not exists "buyer_follow" ("id" text not null, "buyer_id" text not null, "customer_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "buyer_follow_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_buyer_follow_deleted_at" ON "buyer_follow" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_buyer_follow_buyer_id_customer_id_unique" ON "buyer_follow" ("buyer_id", "customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_buyer_follow_customer_id_created_at" ON "buyer_follow" ("customer_id", "created_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "buyer" add column if not exists "followers_count" integer not null default 0;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "buyer_follow" cascade;`)

    this.addSql(
      `alter table if exists "buyer" drop column if exists "followers_count";`
    )
  }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261129075431 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "buyer" drop constraint if exists "buyer_handle_unique";`
    )
    this.addSql(
      `alter table if exists "buyer" drop constraint if exists "buyer_customer_id_unique";`
    )
    this.addSql(
      `create table if not exists "buyer" ("id" text not null, "customer_id" text not null, "handle" text not null, "display_name" text not null, "bio" text null, "avatar_url" text null, "status" text check ("status" in ('pending', 'approved', 'suspended')) not null default 'pending', "tier" text not null default 'default', "approved_at" timestamptz null, "suspended_at" timestamptz null, "suspended_reason" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "buyer_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_buyer_deleted_at" ON "buyer" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_buyer_customer_id_unique" ON "buyer" ("customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_buyer_handle_unique" ON "buyer" ("handle") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_buyer_status" ON "buyer" ("status") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "buyer" cascade;`)
  }
}

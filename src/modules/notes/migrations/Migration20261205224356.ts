import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261205224356 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "note_reaction" drop constraint if exists "note_reaction_note_id_customer_id_kind_unique";`
    )
    this.addSql(
      `create table if not exists "note_reaction" ("id" text not null, "note_id" text not null, "customer_id" text not null, "kind" text check ("kind" in ('like', 'save')) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "note_reaction_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_reaction_deleted_at" ON "note_reaction" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_note_reaction_note_id_customer_id_kind_unique" ON "note_reaction" ("note_id", "customer_id", "kind") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_reaction_customer_id_kind_created_at" ON "note_reaction" ("customer_id", "kind", "created_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "note" add column if not exists "likes_count" integer not null default 0, add column if not exists "saves_count" integer not null default 0;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "note_reaction" cascade;`)

    this.addSql(
      `alter table if exists "note" drop column if exists "likes_count", drop column if exists "saves_count";`
    )
  }
}

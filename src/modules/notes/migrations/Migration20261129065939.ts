import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261129065939 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "note_product" drop constraint if exists "note_product_code_unique";`
    )
    this.addSql(
      `alter table if exists "note_product" drop constraint if exists "note_product_note_id_product_id_unique";`
    )
    this.addSql(
      `create table if not exists "note" ("id" text not null, "title" text not null, "body" text not null, "images" jsonb null, "tags" text[] not null, "status" text check ("status" in ('draft', 'published', 'hidden')) not null default 'draft', "buyer_id" text null, "author_listed" boolean not null default true, "locale" text null, "published_at" timestamptz null, "hidden_reason" text null, "hidden_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "note_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_deleted_at" ON "note" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_buyer_id" ON "note" ("buyer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_status_published_at_id" ON "note" ("status", "published_at", "id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "note_product" ("id" text not null, "product_id" text not null, "variant_id" text null, "position" integer not null default 0, "image_index" integer null, "x" real null, "y" real null, "caption" text null, "code" text not null, "note_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "note_product_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_product_note_id" ON "note_product" ("note_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_product_deleted_at" ON "note_product" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_note_product_note_id_product_id_unique" ON "note_product" ("note_id", "product_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_note_product_code_unique" ON "note_product" ("code");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_product_product_id" ON "note_product" ("product_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "note_product" add constraint "note_product_note_id_foreign" foreign key ("note_id") references "note" ("id") on update cascade on delete cascade;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "note_product" drop constraint if exists "note_product_note_id_foreign";`
    )

    this.addSql(`drop table if exists "note" cascade;`)

    this.addSql(`drop table if exists "note_product" cascade;`)
  }
}

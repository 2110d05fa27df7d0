import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Comments (issue 15): `note_comment` and `note.comments_count` (the note's
 * visible, undeleted comments, kept equal to them by the notes service).
 * `comments_count` is added only if the views migration has not added it
 * already (same definition, so either order works).
 */
export class Migration20261206021500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "note_comment" ("id" text not null, "note_id" text not null, "customer_id" text not null, "parent_id" text null, "body" text not null, "status" text check ("status" in ('visible', 'hidden')) not null default 'visible', "hidden_reason" text null, "hidden_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "note_comment_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_comment_deleted_at" ON "note_comment" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_comment_note_id_parent_id_created_at" ON "note_comment" ("note_id", "parent_id", "created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_comment_customer_id_created_at" ON "note_comment" ("customer_id", "created_at");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_comment_created_at" ON "note_comment" ("created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `alter table if exists "note" add column if not exists "comments_count" integer not null default 0;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "note_comment" cascade;`)
    this.addSql(
      `alter table if exists "note" drop column if exists "comments_count";`
    )
  }
}

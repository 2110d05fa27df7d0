import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * `note.body_html`: the body rendered to sanitised HTML on write. Existing
 * notes keep it null until they are next written (the read path renders a
 * null one) or until the `backfill-note-body-html` migration script runs.
 */
export class Migration20261201040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "note" add column if not exists "body_html" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "note" drop column if exists "body_html";`
    )
  }
}

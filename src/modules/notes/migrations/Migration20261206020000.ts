import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Views and the trending order (issue 15).
 *
 * - `note_view`: one row per counted view (note, visitor, UTC day), and
 *   `note.views_count`, kept equal to them by `recordView`.
 * - The trending score (docs/api.md, "Trending"): `note.trending_score` =
 *   log10(1 + weighted engagement) + epoch(published_at) / tau. It does not
 *   change with the clock, so it is stored and indexed. A `BEFORE` trigger
 *   recomputes it whenever an input changes (likes, saves, comments, clicks,
 *   orders, publication), in the same transaction as the change, whichever
 *   code made it. The weights and tau live in the one-row
 *   `note_trending_config`, which the notes service keeps equal to the plugin
 *   options (rescoring every note when they change).
 * - `comments_count`, `clicks_count`, `orders_count`: engagement inputs.
 *   `comments_count` is added here if the comments work has not added it
 *   yet (same definition, so either order works); clicks and orders are
 *   copied from the attribution rollups by the `refresh-note-engagement`
 *   job. Hand-written (the ORM does not know these columns or the trigger),
 *   like the search migration.
 */
export class Migration20261206020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "note_view" ("id" text not null, "note_id" text not null, "visitor_id" text not null, "day" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "note_view_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_view_deleted_at" ON "note_view" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_note_view_note_id_visitor_id_day_unique" ON "note_view" ("note_id", "visitor_id", "day") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `alter table if exists "note" add column if not exists "views_count" integer not null default 0, add column if not exists "comments_count" integer not null default 0, add column if not exists "clicks_count" integer not null default 0, add column if not exists "orders_count" integer not null default 0, add column if not exists "trending_score" double precision not null default 0;`
    )
    this.addSql(
      `create table if not exists "note_trending_config" ("id" boolean primary key default true check ("id"), "like_weight" double precision not null, "save_weight" double precision not null, "comment_weight" double precision not null, "click_weight" double precision not null, "order_weight" double precision not null, "tau_seconds" double precision not null);`
    )
    // The option defaults (utils/options.ts): the service rewrites the row
    // (and rescores) on its first trending read if the options differ.
    this.addSql(
      `insert into "note_trending_config" values (true, 1, 2, 3, 0.5, 5, 86400) on conflict ("id") do nothing;`
    )
    this.addSql(`
      CREATE OR REPLACE FUNCTION notes_trending_score(
        likes integer, saves integer, comments integer, clicks integer,
        orders integer, published timestamptz
      ) RETURNS double precision LANGUAGE sql STABLE AS $$
        SELECT log(1 + greatest(0,
                 c.like_weight * likes + c.save_weight * saves
                 + c.comment_weight * comments + c.click_weight * clicks
                 + c.order_weight * orders))
               + extract(epoch FROM published) / c.tau_seconds
        FROM note_trending_config c
      $$;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION notes_note_trending() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        NEW.trending_score := coalesce(notes_trending_score(
          NEW.likes_count, NEW.saves_count, NEW.comments_count,
          NEW.clicks_count, NEW.orders_count,
          coalesce(NEW.published_at, NEW.created_at)), 0);
        RETURN NEW;
      END $$;`)
    this.addSql(`DROP TRIGGER IF EXISTS notes_note_trending ON note;`)
    this.addSql(`
      CREATE TRIGGER notes_note_trending
      BEFORE INSERT OR UPDATE OF likes_count, saves_count, comments_count,
        clicks_count, orders_count, published_at
      ON note FOR EACH ROW EXECUTE FUNCTION notes_note_trending();`)
    this.addSql(
      `UPDATE note SET trending_score = notes_trending_score(likes_count, saves_count, comments_count, clicks_count, orders_count, coalesce(published_at, created_at));`
    )
    // The store's trending page: a walk of this index, newest score first,
    // stopping after the page.
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_note_trending" ON "note" ("trending_score" DESC, "id" DESC) WHERE deleted_at IS NULL AND status = 'published' AND author_listed;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS notes_note_trending ON note;`)
    this.addSql(`DROP FUNCTION IF EXISTS notes_note_trending();`)
    this.addSql(
      `DROP FUNCTION IF EXISTS notes_trending_score(integer, integer, integer, integer, integer, timestamptz);`
    )
    this.addSql(`drop table if exists "note_trending_config" cascade;`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_note_trending";`)
    this.addSql(`drop table if exists "note_view" cascade;`)
    this.addSql(
      `alter table if exists "note" drop column if exists "views_count", drop column if exists "clicks_count", drop column if exists "orders_count", drop column if exists "trending_score";`
    )
  }
}

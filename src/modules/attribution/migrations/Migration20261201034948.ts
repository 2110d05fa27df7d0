import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/*
 * The report rollups' triggers and SQL helpers (docs/reports.md, "Storage").
 * Raw SQL because DML has no triggers. Statement-level: one aggregated
 * upsert per rollup table per inserted batch, in the inserting transaction.
 * `rollup/sql.ts` (the rebuild) uses the same helper functions.
 * No question mark anywhere in these statements (the driver would read it as
 * a binding): optional regex parts are `{0,1}`, the character itself `\x3f`.
 */
const NEW_ID = (prefix: string) =>
  `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`

const ROLLUP_FUNCTIONS_UP: string[] = [
  // The rollups' grain: the 15-minute UTC bucket of an instant.
  `CREATE OR REPLACE FUNCTION attribution_bucket_15m(ts timestamptz) RETURNS timestamptz
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT date_bin('15 minutes', ts, timestamptz '2000-01-01 00:00:00+00') $$;`,
  // The UTC day (its UTC midnight) of an instant.
  `CREATE OR REPLACE FUNCTION attribution_utc_day(ts timestamptz) RETURNS timestamptz
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT date_bin('1 day', ts, timestamptz '2000-01-01 00:00:00+00') $$;`,
  // The lower-cased host of a referer URL: scheme://[userinfo@]host[:port]
  // followed by a path, query, fragment or the end. Host: a registered name
  // of ASCII letters, digits and . _ ~ % - (browsers send IDNs as punycode)
  // up to 253 characters, or a bracketed IPv6 literal. Anything else (no
  // referer, no scheme, spaces, other characters) is '' (none).
  String.raw`CREATE OR REPLACE FUNCTION attribution_referer_host(referer text) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT coalesce(lower((
       SELECT CASE WHEN length(m[2]) <= 253 THEN m[2] END
         FROM regexp_match(referer, '^[A-Za-z][A-Za-z0-9+.-]*://([^/#@\x3f]*@){0,1}(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%-]+)(:[0-9]*){0,1}([/#\x3f]|$)') AS m
     )), '') $$;`,

  `CREATE OR REPLACE FUNCTION attribution_click_rollup_insert() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     INSERT INTO click_rollup AS r
       (id, bucket, buyer_id, note_id, product_id, utm_source, utm_campaign, referer_host,
        counted, dropped_head, dropped_bot, dropped_duplicate, dropped_burst, dropped_not_earning)
     SELECT ${NEW_ID("crl")}, c.bucket, c.buyer_id, c.note_id, c.product_id, c.utm_source, c.utm_campaign, c.referer_host,
            count(*) FILTER (WHERE c.dropped_reason IS NULL),
            count(*) FILTER (WHERE c.dropped_reason = 'head'),
            count(*) FILTER (WHERE c.dropped_reason = 'bot'),
            count(*) FILTER (WHERE c.dropped_reason = 'duplicate'),
            count(*) FILTER (WHERE c.dropped_reason = 'burst'),
            count(*) FILTER (WHERE c.dropped_reason = 'not_earning')
       FROM (SELECT attribution_bucket_15m(n.clicked_at) AS bucket, coalesce(n.buyer_id, '') AS buyer_id,
                    n.note_id, n.product_id, coalesce(n.utm_source, '') AS utm_source,
                    coalesce(n.utm_campaign, '') AS utm_campaign,
                    attribution_referer_host(n.referer) AS referer_host, n.dropped_reason
               FROM new_rows n) c
      GROUP BY c.bucket, c.buyer_id, c.note_id, c.product_id, c.utm_source, c.utm_campaign, c.referer_host
     ON CONFLICT (bucket, buyer_id, note_id, product_id, utm_source, utm_campaign, referer_host) DO UPDATE SET
       counted = r.counted + EXCLUDED.counted,
       dropped_head = r.dropped_head + EXCLUDED.dropped_head,
       dropped_bot = r.dropped_bot + EXCLUDED.dropped_bot,
       dropped_duplicate = r.dropped_duplicate + EXCLUDED.dropped_duplicate,
       dropped_burst = r.dropped_burst + EXCLUDED.dropped_burst,
       dropped_not_earning = r.dropped_not_earning + EXCLUDED.dropped_not_earning,
       updated_at = now();

     INSERT INTO click_visitor
       (id, bucket, buyer_id, note_id, product_id, utm_source, utm_campaign, referer_host, visitor_id)
     SELECT ${NEW_ID("cvis")}, c.bucket, c.buyer_id, c.note_id, c.product_id, c.utm_source, c.utm_campaign, c.referer_host, c.visitor_id
       FROM (SELECT DISTINCT attribution_bucket_15m(n.clicked_at) AS bucket, coalesce(n.buyer_id, '') AS buyer_id,
                    n.note_id, n.product_id, coalesce(n.utm_source, '') AS utm_source,
                    coalesce(n.utm_campaign, '') AS utm_campaign,
                    attribution_referer_host(n.referer) AS referer_host, n.visitor_id
               FROM new_rows n WHERE n.dropped_reason IS NULL) c
     ON CONFLICT (bucket, buyer_id, note_id, product_id, utm_source, utm_campaign, referer_host, visitor_id) DO NOTHING;

     INSERT INTO click_buyer_day AS r
       (id, day, buyer_id, counted, dropped_head, dropped_bot, dropped_duplicate, dropped_burst, dropped_not_earning)
     SELECT ${NEW_ID("cbd")}, c.day, c.buyer_id,
            count(*) FILTER (WHERE c.dropped_reason IS NULL),
            count(*) FILTER (WHERE c.dropped_reason = 'head'),
            count(*) FILTER (WHERE c.dropped_reason = 'bot'),
            count(*) FILTER (WHERE c.dropped_reason = 'duplicate'),
            count(*) FILTER (WHERE c.dropped_reason = 'burst'),
            count(*) FILTER (WHERE c.dropped_reason = 'not_earning')
       FROM (SELECT attribution_utc_day(n.clicked_at) AS day, coalesce(n.buyer_id, '') AS buyer_id, n.dropped_reason
               FROM new_rows n) c
      GROUP BY c.day, c.buyer_id
     ON CONFLICT (day, buyer_id) DO UPDATE SET
       counted = r.counted + EXCLUDED.counted,
       dropped_head = r.dropped_head + EXCLUDED.dropped_head,
       dropped_bot = r.dropped_bot + EXCLUDED.dropped_bot,
       dropped_duplicate = r.dropped_duplicate + EXCLUDED.dropped_duplicate,
       dropped_burst = r.dropped_burst + EXCLUDED.dropped_burst,
       dropped_not_earning = r.dropped_not_earning + EXCLUDED.dropped_not_earning,
       updated_at = now();
     RETURN NULL;
   END $fn$;`,

  // An order's lines are inserted in one statement (recordDecision) and an
  // order is decided once, so count(DISTINCT order_id) within the statement
  // adds each order once to each of its groups.
  `CREATE OR REPLACE FUNCTION attribution_line_rollup_insert() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     INSERT INTO order_rollup AS r (id, bucket, buyer_id, note_id, product_id, orders, units)
     SELECT ${NEW_ID("orl")}, l.bucket, l.buyer_id, l.note_id, l.product_id,
            count(DISTINCT l.order_id), sum(l.quantity)
       FROM (SELECT attribution_bucket_15m(n.created_at) AS bucket, n.buyer_id, n.note_id,
                    coalesce(n.product_id, '') AS product_id, n.order_id, n.quantity
               FROM new_rows n) l
      GROUP BY l.bucket, l.buyer_id, l.note_id, l.product_id
     ON CONFLICT (bucket, buyer_id, note_id, product_id) DO UPDATE SET
       orders = r.orders + EXCLUDED.orders, units = r.units + EXCLUDED.units, updated_at = now();

     INSERT INTO order_note_rollup AS r (id, bucket, buyer_id, note_id, orders, units)
     SELECT ${NEW_ID("onrl")}, l.bucket, l.buyer_id, l.note_id, count(DISTINCT l.order_id), sum(l.quantity)
       FROM (SELECT attribution_bucket_15m(n.created_at) AS bucket, n.buyer_id, n.note_id, n.order_id, n.quantity
               FROM new_rows n) l
      GROUP BY l.bucket, l.buyer_id, l.note_id
     ON CONFLICT (bucket, buyer_id, note_id) DO UPDATE SET
       orders = r.orders + EXCLUDED.orders, units = r.units + EXCLUDED.units, updated_at = now();

     INSERT INTO order_buyer_day AS r (id, day, buyer_id, orders, units)
     SELECT ${NEW_ID("obd")}, l.day, l.buyer_id, count(DISTINCT l.order_id), sum(l.quantity)
       FROM (SELECT attribution_utc_day(n.created_at) AS day, n.buyer_id, n.order_id, n.quantity
               FROM new_rows n) l
      GROUP BY l.day, l.buyer_id
     ON CONFLICT (day, buyer_id) DO UPDATE SET
       orders = r.orders + EXCLUDED.orders, units = r.units + EXCLUDED.units, updated_at = now();
     RETURN NULL;
   END $fn$;`,

  // Lines are deleted only by the attribution step's compensation (all the
  // lines of one decision). Exact for any deletion: an order leaves a group
  // when none of its lines in that group remains; rows left at zero go.
  `CREATE OR REPLACE FUNCTION attribution_line_rollup_delete() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     UPDATE order_rollup r
        SET orders = r.orders - g.orders, units = r.units - g.units, updated_at = now()
       FROM (SELECT d.bucket, d.buyer_id, d.note_id, d.product_id,
                    count(*) FILTER (WHERE NOT EXISTS (
                      SELECT 1 FROM attribution_line a
                       WHERE a.order_id = d.order_id AND a.buyer_id = d.buyer_id AND a.note_id = d.note_id
                         AND coalesce(a.product_id, '') = d.product_id
                         AND attribution_bucket_15m(a.created_at) = d.bucket)) AS orders,
                    sum(d.units) AS units
               FROM (SELECT attribution_bucket_15m(o.created_at) AS bucket, o.buyer_id, o.note_id,
                            coalesce(o.product_id, '') AS product_id, o.order_id, sum(o.quantity) AS units
                       FROM old_rows o GROUP BY 1, 2, 3, 4, 5) d
              GROUP BY 1, 2, 3, 4) g
      WHERE r.bucket = g.bucket AND r.buyer_id = g.buyer_id AND r.note_id = g.note_id
        AND r.product_id = g.product_id;

     UPDATE order_note_rollup r
        SET orders = r.orders - g.orders, units = r.units - g.units, updated_at = now()
       FROM (SELECT d.bucket, d.buyer_id, d.note_id,
                    count(*) FILTER (WHERE NOT EXISTS (
                      SELECT 1 FROM attribution_line a
                       WHERE a.order_id = d.order_id AND a.buyer_id = d.buyer_id AND a.note_id = d.note_id
                         AND attribution_bucket_15m(a.created_at) = d.bucket)) AS orders,
                    sum(d.units) AS units
               FROM (SELECT attribution_bucket_15m(o.created_at) AS bucket, o.buyer_id, o.note_id,
                            o.order_id, sum(o.quantity) AS units
                       FROM old_rows o GROUP BY 1, 2, 3, 4) d
              GROUP BY 1, 2, 3) g
      WHERE r.bucket = g.bucket AND r.buyer_id = g.buyer_id AND r.note_id = g.note_id;

     UPDATE order_buyer_day r
        SET orders = r.orders - g.orders, units = r.units - g.units, updated_at = now()
       FROM (SELECT d.day, d.buyer_id,
                    count(*) FILTER (WHERE NOT EXISTS (
                      SELECT 1 FROM attribution_line a
                       WHERE a.order_id = d.order_id AND a.buyer_id = d.buyer_id
                         AND attribution_utc_day(a.created_at) = d.day)) AS orders,
                    sum(d.units) AS units
               FROM (SELECT attribution_utc_day(o.created_at) AS day, o.buyer_id, o.order_id,
                            sum(o.quantity) AS units
                       FROM old_rows o GROUP BY 1, 2, 3) d
              GROUP BY 1, 2) g
      WHERE r.day = g.day AND r.buyer_id = g.buyer_id;

     DELETE FROM order_rollup r
      USING (SELECT DISTINCT attribution_bucket_15m(o.created_at) AS bucket, o.buyer_id FROM old_rows o) k
      WHERE r.bucket = k.bucket AND r.buyer_id = k.buyer_id AND r.orders = 0 AND r.units = 0;
     DELETE FROM order_note_rollup r
      USING (SELECT DISTINCT attribution_bucket_15m(o.created_at) AS bucket, o.buyer_id FROM old_rows o) k
      WHERE r.bucket = k.bucket AND r.buyer_id = k.buyer_id AND r.orders = 0 AND r.units = 0;
     DELETE FROM order_buyer_day r
      USING (SELECT DISTINCT attribution_utc_day(o.created_at) AS day, o.buyer_id FROM old_rows o) k
      WHERE r.day = k.day AND r.buyer_id = k.buyer_id AND r.orders = 0 AND r.units = 0;
     RETURN NULL;
   END $fn$;`,

  // Emptying a raw table (tests, an operator) empties its rollups.
  `CREATE OR REPLACE FUNCTION attribution_click_rollup_truncate() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     TRUNCATE click_rollup, click_visitor, click_buyer_day;
     RETURN NULL;
   END $fn$;`,
  `CREATE OR REPLACE FUNCTION attribution_line_rollup_truncate() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     TRUNCATE order_rollup, order_note_rollup, order_buyer_day;
     RETURN NULL;
   END $fn$;`,

  `DROP TRIGGER IF EXISTS attribution_click_rollup_insert ON referral_click;`,
  `CREATE TRIGGER attribution_click_rollup_insert AFTER INSERT ON referral_click
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
     EXECUTE FUNCTION attribution_click_rollup_insert();`,
  `DROP TRIGGER IF EXISTS attribution_click_rollup_truncate ON referral_click;`,
  `CREATE TRIGGER attribution_click_rollup_truncate AFTER TRUNCATE ON referral_click
     FOR EACH STATEMENT EXECUTE FUNCTION attribution_click_rollup_truncate();`,
  `DROP TRIGGER IF EXISTS attribution_line_rollup_insert ON attribution_line;`,
  `CREATE TRIGGER attribution_line_rollup_insert AFTER INSERT ON attribution_line
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
     EXECUTE FUNCTION attribution_line_rollup_insert();`,
  `DROP TRIGGER IF EXISTS attribution_line_rollup_delete ON attribution_line;`,
  `CREATE TRIGGER attribution_line_rollup_delete AFTER DELETE ON attribution_line
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
     EXECUTE FUNCTION attribution_line_rollup_delete();`,
  `DROP TRIGGER IF EXISTS attribution_line_rollup_truncate ON attribution_line;`,
  `CREATE TRIGGER attribution_line_rollup_truncate AFTER TRUNCATE ON attribution_line
     FOR EACH STATEMENT EXECUTE FUNCTION attribution_line_rollup_truncate();`,
]

const ROLLUP_FUNCTIONS_DOWN: string[] = [
  `DROP TRIGGER IF EXISTS attribution_click_rollup_insert ON referral_click;`,
  `DROP TRIGGER IF EXISTS attribution_click_rollup_truncate ON referral_click;`,
  `DROP TRIGGER IF EXISTS attribution_line_rollup_insert ON attribution_line;`,
  `DROP TRIGGER IF EXISTS attribution_line_rollup_delete ON attribution_line;`,
  `DROP TRIGGER IF EXISTS attribution_line_rollup_truncate ON attribution_line;`,
  `DROP FUNCTION IF EXISTS attribution_click_rollup_insert();`,
  `DROP FUNCTION IF EXISTS attribution_click_rollup_truncate();`,
  `DROP FUNCTION IF EXISTS attribution_line_rollup_insert();`,
  `DROP FUNCTION IF EXISTS attribution_line_rollup_delete();`,
  `DROP FUNCTION IF EXISTS attribution_line_rollup_truncate();`,
  `DROP FUNCTION IF EXISTS attribution_referer_host(text);`,
  `DROP FUNCTION IF EXISTS attribution_utc_day(timestamptz);`,
  `DROP FUNCTION IF EXISTS attribution_bucket_15m(timestamptz);`,
]

export class Migration20261201034948 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "order_rollup" drop constraint if exists "order_rollup_dims_unique";`
    )
    this.addSql(
      `alter table if exists "order_note_rollup" drop constraint if exists "order_note_rollup_dims_unique";`
    )
    this.addSql(
      `alter table if exists "order_buyer_day" drop constraint if exists "order_buyer_day_unique";`
    )
    this.addSql(
      `alter table if exists "click_visitor" drop constraint if exists "click_visitor_dims_unique";`
    )
    this.addSql(
      `alter table if exists "click_rollup" drop constraint if exists "click_rollup_dims_unique";`
    )
    this.addSql(
      `alter table if exists "click_buyer_day" drop constraint if exists "click_buyer_day_unique";`
    )
    this.addSql(
      `create table if not exists "click_buyer_day" ("id" text not null, "day" timestamptz not null, "buyer_id" text not null, "counted" integer not null default 0, "dropped_head" integer not null default 0, "dropped_bot" integer not null default 0, "dropped_duplicate" integer not null default 0, "dropped_burst" integer not null default 0, "dropped_not_earning" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "click_buyer_day_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_buyer_day_deleted_at" ON "click_buyer_day" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_click_buyer_day_unique" ON "click_buyer_day" ("day", "buyer_id");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_buyer_day_buyer_day" ON "click_buyer_day" ("buyer_id", "day");`
    )

    this.addSql(
      `create table if not exists "click_rollup" ("id" text not null, "bucket" timestamptz not null, "buyer_id" text not null, "note_id" text not null, "product_id" text not null, "utm_source" text not null, "utm_campaign" text not null, "referer_host" text not null, "counted" integer not null default 0, "dropped_head" integer not null default 0, "dropped_bot" integer not null default 0, "dropped_duplicate" integer not null default 0, "dropped_burst" integer not null default 0, "dropped_not_earning" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "click_rollup_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_rollup_deleted_at" ON "click_rollup" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_click_rollup_dims_unique" ON "click_rollup" ("bucket", "buyer_id", "note_id", "product_id", "utm_source", "utm_campaign", "referer_host");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_rollup_buyer_bucket" ON "click_rollup" ("buyer_id", "bucket");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_rollup_note_bucket" ON "click_rollup" ("note_id", "bucket");`
    )

    this.addSql(
      `create table if not exists "click_visitor" ("id" text not null, "bucket" timestamptz not null, "buyer_id" text not null, "note_id" text not null, "product_id" text not null, "utm_source" text not null, "utm_campaign" text not null, "referer_host" text not null, "visitor_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "click_visitor_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_visitor_deleted_at" ON "click_visitor" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_click_visitor_dims_unique" ON "click_visitor" ("bucket", "buyer_id", "note_id", "product_id", "utm_source", "utm_campaign", "referer_host", "visitor_id");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_visitor_buyer_bucket" ON "click_visitor" ("buyer_id", "bucket");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_click_visitor_note_bucket" ON "click_visitor" ("note_id", "bucket");`
    )

    this.addSql(
      `create table if not exists "order_buyer_day" ("id" text not null, "day" timestamptz not null, "buyer_id" text not null, "orders" integer not null default 0, "units" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_buyer_day_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_buyer_day_deleted_at" ON "order_buyer_day" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_buyer_day_unique" ON "order_buyer_day" ("day", "buyer_id");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_buyer_day_buyer_day" ON "order_buyer_day" ("buyer_id", "day");`
    )

    this.addSql(
      `create table if not exists "order_note_rollup" ("id" text not null, "bucket" timestamptz not null, "buyer_id" text not null, "note_id" text not null, "orders" integer not null default 0, "units" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_note_rollup_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_note_rollup_deleted_at" ON "order_note_rollup" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_note_rollup_dims_unique" ON "order_note_rollup" ("bucket", "buyer_id", "note_id");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_note_rollup_buyer_bucket" ON "order_note_rollup" ("buyer_id", "bucket");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_note_rollup_note_bucket" ON "order_note_rollup" ("note_id", "bucket");`
    )

    this.addSql(
      `create table if not exists "order_rollup" ("id" text not null, "bucket" timestamptz not null, "buyer_id" text not null, "note_id" text not null, "product_id" text not null, "orders" integer not null default 0, "units" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_rollup_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_rollup_deleted_at" ON "order_rollup" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_rollup_dims_unique" ON "order_rollup" ("bucket", "buyer_id", "note_id", "product_id");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_rollup_buyer_bucket" ON "order_rollup" ("buyer_id", "bucket");`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_order_rollup_note_bucket" ON "order_rollup" ("note_id", "bucket");`
    )

    // Soft deletion is never used on rollup rows: the generated deleted_at
    // index would hold every row and cost a write per new row.
    for (const table of [
      "click_rollup",
      "click_visitor",
      "click_buyer_day",
      "order_rollup",
      "order_note_rollup",
      "order_buyer_day",
    ]) {
      this.addSql(`DROP INDEX IF EXISTS "IDX_${table}_deleted_at";`)
    }

    for (const sql of ROLLUP_FUNCTIONS_UP) {
      this.addSql(sql)
    }
  }

  override async down(): Promise<void> {
    for (const sql of ROLLUP_FUNCTIONS_DOWN) {
      this.addSql(sql)
    }
    this.addSql(`drop table if exists "click_buyer_day" cascade;`)

    this.addSql(`drop table if exists "click_rollup" cascade;`)

    this.addSql(`drop table if exists "click_visitor" cascade;`)

    this.addSql(`drop table if exists "order_buyer_day" cascade;`)

    this.addSql(`drop table if exists "order_note_rollup" cascade;`)

    this.addSql(`drop table if exists "order_rollup" cascade;`)
  }
}

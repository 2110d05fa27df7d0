// Reports benchmark data, set-based SQL into the real tables of a migrated
// database: buyers, notes and their products, clicks over 90 days, attributed
// orders with their lines, and the ledger entries of those lines. Every raw
// row is written by an INSERT … SELECT whose statement-level rollup trigger
// fires as it would in production (one aggregated upsert per statement; for
// clicks and ledger entries an append to the pending rows, folded by
// attribution_click_fold() / commission_ledger_fold() after each statement
// as the job would), so the rollups are built the real way; the seed times
// each statement.
//
// Shape (random() with a fixed seed, no parallel workers, so a reseed gives
// the same data relative to its own `now`):
// - buyers: Zipf-like popularity (rank r is chosen with probability about
//   ln((r+2)/(r+1)) / ln(BUYERS+1): the first buyer gets about 10 % of all
//   clicks); notes n belong to buyer n mod BUYERS, the buyer's k-th note
//   Zipf-like among its notes; two tagged products per note, the first
//   clicked 70 % of the time;
// - clicks: uniform over the last 90 days with a daily rhythm (density
//   1 + 0.6 cos(2π(t − 19:12 UTC)) per day, by rejection sampling); about
//   10 % dropped (head 2 %, bot 3 %, duplicate 3 %, burst 1.5 %,
//   not_earning 0.5 %); visitors from a pool of 300,000, skewed (a few
//   return often); utm_source (6 values and none), utm_campaign (12 and
//   none), referer (12 URLs over 9 hosts, and none);
// - orders: won by a random counted click, placed 0–2 days after it (never
//   after now), 1–3 lines (50/35/15 %): the clicked product, the note's
//   other product, then an untagged one; quantities 1–3; EUR 80 %, USD 20 %;
// - ledger: one accrual per line (10 % of a base of 5–200 per unit) whose
//   status follows its age (older than 45 days: 75 % paid, else approved;
//   17–45 days: approved, the hold over; younger: pending, due after the
//   hold, 3 % on hold; 2 % void), 8 % of
//   accruals reversed (in full or half) up to 10 days later, and 2,000
//   adjustments (no note or product) of ±1–50.

const CLICK_CHUNK = 100_000
// Candidates per kept click: the daily rhythm keeps 1 / 1.6 of them.
const CANDIDATES_PER_CHUNK = 175_000
const PRODUCTS = 200

const REFERERS = [
  "https://www.instagram.com/",
  "https://l.instagram.com/?u=https%3A%2F%2Fshop.example",
  "https://www.tiktok.com/@notes",
  "https://www.google.com/",
  "https://www.google.com/search?q=notes",
  "https://t.co/xyz",
  "https://www.pinterest.com/pin/123/",
  "https://news.example.com/issue-12",
  "https://news.example.com/issue-13",
  "https://m.facebook.com/",
  "https://www.youtube.com/watch?v=abc",
  "https://blog.example.org/spring",
]

/** Answers the number of seeded clicks (0 when the data is not there). */
export async function seededClicks(client) {
  const { rows } = await client.query(
    "SELECT count(*)::int AS n FROM referral_click WHERE id LIKE 'click_seed_%'"
  )
  return rows[0].n
}

/**
 * Seeds into a freshly migrated database (the raw and rollup tables
 * emptied first). Answers the timings: [{ step, rows, ms }].
 */
export async function seed(
  client,
  { buyers, notes, clicks, orders, log = () => {} }
) {
  const steps = []
  const step = async (name, sql, params = []) => {
    const t = performance.now()
    const res = await client.query(sql, params)
    const ms = performance.now() - t
    steps.push({ step: name, rows: res.rowCount ?? 0, ms })
    log(`${name}: ${res.rowCount ?? 0} rows in ${(ms / 1000).toFixed(1)} s`)
    return res
  }

  await client.query("SET max_parallel_workers_per_gather = 0")
  await client.query("SET work_mem = '256MB'")
  // Emptying the raw tables empties their rollups (truncate triggers); the
  // ledger's rollups have none (their pending deltas neither), and the
  // ledger guard forbids deletes.
  await client.query(
    `TRUNCATE referral_click, attribution_line, order_attribution, commission_entry,
       ledger_rollup, ledger_buyer_day, ledger_rollup_pending, note_product, note CASCADE`
  )
  await client.query("DELETE FROM buyer WHERE id LIKE 'buyer_bench_%'")
  const {
    rows: [{ now }],
  } = await client.query("SELECT date_trunc('second', now()) AS now")
  await client.query("SELECT setseed(0.42)")

  await step(
    "buyers",
    `INSERT INTO buyer (id, customer_id, handle, display_name, status, tier, approved_at)
     SELECT 'buyer_bench_' || n, 'cus_bench_' || n, 'bench-' || n, 'Bench buyer ' || n,
            'approved', 'default', $2::timestamptz - interval '120 days'
       FROM generate_series(0, $1::int - 1) n`,
    [buyers, now]
  )
  await step(
    "notes",
    `INSERT INTO note (id, title, body, tags, status, buyer_id, published_at, images)
     SELECT 'note_bench_' || n, 'Bench note ' || n, 'A note of the reports benchmark, number ' || n,
            ARRAY['bench'], 'published', 'buyer_bench_' || (n % $2::int),
            $3::timestamptz - interval '100 days', '[]'::jsonb
       FROM generate_series(0, $1::int - 1) n`,
    [notes, buyers, now]
  )
  await step(
    "note products",
    `INSERT INTO note_product (id, note_id, product_id, position, code)
     SELECT 'notep_bench_' || n || '_' || p, 'note_bench_' || n,
            'prod_bench_' || ((n + p * 97) % ${PRODUCTS}), p, 'bn' || n || 'p' || p
       FROM generate_series(0, $1::int - 1) n, generate_series(0, 1) p`,
    [notes]
  )

  // Clicks, in chunks of 100,000 (one statement, one trigger run each).
  const perBuyer = Math.max(1, Math.round(notes / buyers))
  const referers = `ARRAY[${REFERERS.map((r) => `'${r}'`).join(", ")}]`
  for (let chunk = 0, done = 0; done < clicks; chunk++) {
    const n = Math.min(CLICK_CHUNK, clicks - done)
    const candidates = Math.ceil((n * CANDIDATES_PER_CHUNK) / CLICK_CHUNK)
    await step(
      `clicks ${done + 1}–${done + n} (trigger: click rollups)`,
      `INSERT INTO referral_click (id, code, note_id, note_product_id, buyer_id, product_id,
         visitor_id, ip_hash, user_agent, referer, utm_source, utm_medium, utm_campaign,
         clicked_at, dropped_reason, created_at, updated_at)
       SELECT 'click_seed_' || $1::int || '_' || row_number() OVER (),
              'bn' || c.note || 'p' || c.p, 'note_bench_' || c.note,
              'notep_bench_' || c.note || '_' || c.p, 'buyer_bench_' || c.b,
              'prod_bench_' || ((c.note + c.p * 97) % ${PRODUCTS}),
              'vis_' || c.v, md5('ip' || c.v),
              (ARRAY['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1',
                     'Mozilla/5.0 (Linux; Android 14) Chrome/124.0 Mobile Safari/537.36',
                     'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Safari/605.1.15'])[1 + c.v % 3],
              CASE WHEN c.ur < 0.3 THEN NULL
                   ELSE (${referers})[1 + floor((c.ur - 0.3) / 0.7 * ${REFERERS.length})::int] END,
              c.utm_source,
              CASE WHEN c.utm_source IS NULL THEN NULL ELSE 'social' END,
              CASE WHEN c.uc < 0.5 THEN NULL
                   ELSE (ARRAY['spring-edit', 'summer-sale', 'launch', 'back-to-school', 'holiday',
                               'black-friday', 'new-in', 'restock', 'gift-guide', 'weekend',
                               'collab', 'giveaway'])[1 + floor((c.uc - 0.5) / 0.5 * 12)::int] END,
              c.t,
              CASE WHEN c.ud < 0.02 THEN 'head' WHEN c.ud < 0.05 THEN 'bot'
                   WHEN c.ud < 0.08 THEN 'duplicate' WHEN c.ud < 0.095 THEN 'burst'
                   WHEN c.ud < 0.10 THEN 'not_earning' END,
              c.t, c.t
         FROM (
           SELECT s.*, s.b + $5::int * s.k AS note,
                  CASE WHEN s.us < 0.35 THEN NULL WHEN s.us < 0.60 THEN 'instagram'
                       WHEN s.us < 0.75 THEN 'tiktok' WHEN s.us < 0.85 THEN 'pinterest'
                       WHEN s.us < 0.93 THEN 'newsletter' ELSE 'youtube' END AS utm_source
             FROM (
               SELECT least(floor(exp(random() * ln($5::int + 1)))::int - 1, $5::int - 1) AS b,
                      least(floor(exp(random() * ln($6::int + 1)))::int - 1, $6::int - 1) AS k,
                      (random() < 0.3)::int AS p,
                      floor(300000 * power(random(), 3))::int AS v,
                      random() AS us, random() AS uc, random() AS ur, random() AS ud,
                      random() AS ua,
                      $3::timestamptz - random() * interval '90 days' AS t
                 FROM generate_series(1, $4::int) g
             ) s
            WHERE s.ua < (1 + 0.6 * cos(2 * pi() *
                    ((extract(epoch FROM s.t)::numeric % 86400) / 86400 - 0.8))) / 1.6
            LIMIT $2::int
         ) c`,
      [chunk, n, now, candidates, buyers, perBuyer]
    )
    await step(
      `fold of clicks ${done + 1}–${done + n}`,
      `SELECT attribution_click_fold()`
    )
    done += n
  }

  // Orders: won by random counted clicks.
  await client.query("DROP TABLE IF EXISTS bench_orders, bench_lines")
  await step(
    "orders (working table)",
    `CREATE TEMP TABLE bench_orders AS
     SELECT row_number() OVER () AS i, x.*,
            CASE WHEN x.uc < 0.8 THEN 'eur' ELSE 'usd' END AS currency_code,
            1 + (x.ul >= 0.5)::int + (x.ul >= 0.85)::int AS lines,
            least(x.clicked_at + x.ut * interval '2 days', $2::timestamptz - interval '1 minute') AS at
       FROM (SELECT w.*, random() AS uc, random() AS ul, random() AS ut
               FROM (SELECT c.id AS click_id, c.buyer_id, c.note_id, c.product_id,
                            c.note_product_id, c.clicked_at
                       FROM referral_click c
                      WHERE c.dropped_reason IS NULL
                        AND c.clicked_at < $2::timestamptz - interval '2 minutes'
                      ORDER BY random() LIMIT $1::int) w) x`,
    [orders, now]
  )
  await step(
    "order attributions",
    `INSERT INTO order_attribution (id, order_id, outcome, reason, click_id, buyer_id, note_id,
       basket, window_days, decided_at, created_at, updated_at)
     SELECT 'oattr_bench_' || o.i, 'order_bench_' || o.i, 'attributed', 'last_click', o.click_id,
            o.buyer_id, o.note_id, CASE WHEN o.lines = 3 THEN 'order' ELSE 'tagged' END, 30,
            o.at, o.at, o.at
       FROM bench_orders o`
  )
  await step(
    "lines (working table)",
    `CREATE TEMP TABLE bench_lines AS
     SELECT o.i, l, o.buyer_id, o.note_id, o.currency_code, o.at,
            CASE l WHEN 1 THEN o.product_id
                   WHEN 2 THEN 'prod_bench_' || ((split_part(o.note_id, '_', 3)::int
                               + (1 - right(o.note_product_id, 1)::int) * 97) % ${PRODUCTS})
                   ELSE 'prod_bench_' || floor(random() * ${PRODUCTS})::int END AS product_id,
            1 + floor(power(random(), 2) * 3)::int AS quantity,
            round((5 + random() * 195)::numeric, 2) AS unit_price,
            random() AS us, random() AS ur, random() AS uk, random() AS uh
       FROM bench_orders o, generate_series(1, o.lines) l`
  )
  await step(
    "attribution lines (trigger: order rollups)",
    `INSERT INTO attribution_line (id, order_id, order_line_id, click_id, buyer_id, note_id,
       product_id, quantity, order_attribution_id, created_at, updated_at)
     SELECT 'attr_bench_' || l.i || '_' || l.l, 'order_bench_' || l.i,
            'ordli_bench_' || l.i || '_' || l.l, o.click_id, l.buyer_id, l.note_id,
            l.product_id, l.quantity, 'oattr_bench_' || l.i, l.at, l.at
       FROM bench_lines l JOIN bench_orders o ON o.i = l.i`
  )
  await step("fold of the attribution lines", `SELECT attribution_order_fold()`)

  // Status by age: fulfilled about 3 days after the order, then the 14-day
  // hold; the plugin's approval job (every 15 minutes in a running server)
  // approves what is due, so no pending entry is left due (else the job
  // would rewrite thousands of them while the benchmark measures).
  const age = `extract(epoch FROM ($1::timestamptz - l.at)) / 86400`
  await step(
    "accruals (trigger: ledger rollups)",
    `INSERT INTO commission_entry (id, source_key, type, status, buyer_id, currency_code,
       amount, raw_amount, base_amount, raw_base_amount, quantity, order_id, order_line_id,
       attribution_line_id, note_id, product_id, rule_scope, rule_type, rule_rate,
       available_at, approved_at, created_at, updated_at)
     SELECT 'centry_bench_a_' || l.i || '_' || l.l, 'accrual:ordli_bench_' || l.i || '_' || l.l,
            'accrual', s.status, l.buyer_id, l.currency_code,
            m.amount, jsonb_build_object('value', m.amount::text, 'precision', 20),
            m.base, jsonb_build_object('value', m.base::text, 'precision', 20),
            l.quantity, 'order_bench_' || l.i, 'ordli_bench_' || l.i || '_' || l.l,
            'attr_bench_' || l.i || '_' || l.l, l.note_id, l.product_id,
            'default', 'percentage', 10,
            CASE WHEN s.status IN ('approved', 'paid') OR (s.status = 'pending' AND ${age} > 3)
                 THEN l.at + interval '17 days' END,
            CASE WHEN s.status IN ('approved', 'paid') THEN l.at + interval '17 days' END,
            l.at + interval '1 second', l.at + interval '1 second'
       FROM bench_lines l
       CROSS JOIN LATERAL (SELECT l.unit_price * l.quantity AS base,
                                  round(l.unit_price * l.quantity * 0.10, 2) AS amount) m
       CROSS JOIN LATERAL (SELECT CASE
              WHEN l.us < 0.02 THEN 'void'
              WHEN ${age} > 45 THEN CASE WHEN l.us < 0.75 THEN 'paid' ELSE 'approved' END
              WHEN ${age} > 17 THEN 'approved'
              WHEN l.uh < 0.03 THEN 'on_hold'
              ELSE 'pending' END AS status) s`,
    [now]
  )
  await step(
    "reversals (trigger: ledger rollups)",
    `INSERT INTO commission_entry (id, source_key, type, status, buyer_id, currency_code,
       amount, raw_amount, quantity, order_id, order_line_id, attribution_line_id, note_id,
       product_id, reverses_id, reason, available_at, approved_at, created_at, updated_at)
     SELECT 'centry_bench_r_' || l.i || '_' || l.l, 'reversal:' || e.id || ':1', 'reversal',
            CASE WHEN e.status IN ('paid', 'approved') THEN 'approved' ELSE e.status END,
            e.buyer_id, e.currency_code, x.amount,
            jsonb_build_object('value', x.amount::text, 'precision', 20),
            e.quantity, e.order_id, e.order_line_id, e.attribution_line_id, e.note_id,
            e.product_id, e.id, 'returned', e.available_at,
            CASE WHEN e.status IN ('paid', 'approved') THEN x.at END, x.at, x.at
       FROM bench_lines l
       JOIN commission_entry e ON e.id = 'centry_bench_a_' || l.i || '_' || l.l
       CROSS JOIN LATERAL (
         SELECT -CASE WHEN l.uk < 0.5 THEN e.amount ELSE round(e.amount / 2, 2) END AS amount,
                least(e.created_at + l.uk * interval '10 days',
                      $1::timestamptz - interval '1 minute') AS at) x
      WHERE l.ur < 0.08 AND e.status <> 'void'`,
    [now]
  )
  await step(
    "adjustments (trigger: ledger rollups)",
    `INSERT INTO commission_entry (id, source_key, type, status, buyer_id, currency_code,
       amount, raw_amount, reason, available_at, approved_at, created_at, updated_at)
     SELECT 'centry_bench_j_' || g, 'adjustment:bench:' || g, 'adjustment',
            CASE WHEN a.at < $1::timestamptz - interval '45 days' THEN 'paid' ELSE 'approved' END,
            'buyer_bench_' || a.b, CASE WHEN a.uc < 0.8 THEN 'eur' ELSE 'usd' END, a.amount,
            jsonb_build_object('value', a.amount::text, 'precision', 20), 'bench adjustment',
            a.at, a.at, a.at, a.at
       FROM (SELECT g, least(floor(exp(random() * ln($2::int + 1)))::int - 1, $2::int - 1) AS b,
                    random() AS uc,
                    round(((CASE WHEN random() < 0.7 THEN 1 ELSE -1 END) * (1 + random() * 49))::numeric, 2) AS amount,
                    $1::timestamptz - random() * interval '90 days' AS at
               FROM generate_series(1, 2000) g) a`,
    [now, buyers]
  )
  await step("ledger fold", `SELECT commission_ledger_fold()`)
  await client.query("DROP TABLE bench_orders, bench_lines")

  const t = performance.now()
  for (const table of [
    "buyer",
    "note",
    "note_product",
    "referral_click",
    "order_attribution",
    "attribution_line",
    "commission_entry",
    "click_rollup",
    "click_visitor",
    "click_buyer_day",
    "order_rollup",
    "order_note_rollup",
    "order_buyer_day",
    "ledger_rollup",
    "ledger_buyer_day",
    // The tables the rollups' own triggers keep: every 100,000-click
    // statement updates their rows again, so without this the reads start
    // on ~40 % dead rows, no statistics and no visibility map (no
    // index-only scans) until autovacuum comes by.
    "click_hour",
    "order_hour",
    "ledger_hour",
    "click_group_day",
    "order_group_day",
    "ledger_group_day",
    "click_buyer_month",
    "order_buyer_month",
    "ledger_buyer_month",
    "click_rollup_pending",
    "ledger_rollup_pending",
  ]) {
    await client.query(`VACUUM ANALYZE ${table}`)
  }
  steps.push({ step: "VACUUM ANALYZE", rows: 0, ms: performance.now() - t })
  log(`VACUUM ANALYZE in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  return { steps, now }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  VIEW_ROLLUPS_V2_DOWN_SQL,
  VIEW_ROLLUPS_V2_REBUILD_SQL,
  VIEW_ROLLUPS_V2_SQL,
} from "../rollup/view-sql"

/**
 * The coarser views rollups (docs/reports.md, "Storage"): `note_view_day`
 * (buyer × UTC day × note) and `note_view_program` (15-minute bucket, the
 * whole program's views),
 * kept by the `note_view` triggers of Migration20261206090000 (their
 * functions replaced: each batch now upserts all three tables), then
 * filled from `note_view`. `down()` puts the first step's functions back
 * and drops the two tables.
 */
export class Migration20261206094500 extends Migration {
  override async up(): Promise<void> {
    for (const sql of VIEW_ROLLUPS_V2_SQL) {
      this.addSql(sql)
    }
    // The backfill, without the rebuild's lock (a migration runs alone).
    for (const sql of VIEW_ROLLUPS_V2_REBUILD_SQL.slice(1)) {
      this.addSql(sql)
    }
  }

  override async down(): Promise<void> {
    for (const sql of VIEW_ROLLUPS_V2_DOWN_SQL) {
      this.addSql(sql)
    }
  }
}

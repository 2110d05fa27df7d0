import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  VIEW_ROLLUP_DOWN_SQL,
  VIEW_ROLLUP_REBUILD_SQL,
  VIEW_ROLLUP_SQL,
} from "../rollup/view-sql"

/**
 * Views in the reports (issue 15): `note_view_rollup` (15-minute bucket ×
 * the note's author × note → counted views) and the statement-level
 * triggers on `note_view` that keep it, then a backfill from the views
 * stored so far. Hand-written (a plain table, no model, like the click
 * rollups). `down()` drops the triggers, their functions and the table.
 */
export class Migration20261206090000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of VIEW_ROLLUP_SQL) {
      this.addSql(sql)
    }
    // The backfill, without the rebuild's lock (a migration runs alone).
    for (const sql of VIEW_ROLLUP_REBUILD_SQL.slice(1)) {
      this.addSql(sql)
    }
  }

  override async down(): Promise<void> {
    for (const sql of VIEW_ROLLUP_DOWN_SQL) {
      this.addSql(sql)
    }
  }
}

import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261129113353 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "payout_provider_event" drop constraint if exists "payout_provider_event_provider_event_id_unique";`
    )
    this.addSql(
      `alter table if exists "payout_account" drop constraint if exists "payout_account_account_id_unique";`
    )
    this.addSql(
      `alter table if exists "payout_account" drop constraint if exists "payout_account_buyer_id_provider_unique";`
    )
    this.addSql(
      `create table if not exists "payout_account" ("id" text not null, "buyer_id" text not null, "provider" text not null, "account_id" text not null, "payouts_enabled" boolean not null default false, "details_submitted" boolean not null default false, "disabled_reason" text null, "last_payout_failure" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "payout_account_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_payout_account_deleted_at" ON "payout_account" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_payout_account_buyer_id_provider_unique" ON "payout_account" ("buyer_id", "provider") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_payout_account_account_id_unique" ON "payout_account" ("account_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "payout_provider_event" ("id" text not null, "provider" text not null, "event_id" text not null, "type" text not null, "outcome" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "payout_provider_event_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_payout_provider_event_deleted_at" ON "payout_provider_event" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_payout_provider_event_provider_event_id_unique" ON "payout_provider_event" ("provider", "event_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "settlement" ("id" text not null, "buyer_id" text not null, "currency_code" text not null, "amount" numeric not null, "entry_count" integer not null, "period_start" timestamptz null, "period_end" timestamptz null, "status" text check ("status" in ('pending', 'processing', 'paid', 'failed')) not null default 'pending', "provider" text not null, "provider_account_id" text null, "provider_reference" text null, "failure_reason" text null, "attempts" integer not null default 0, "generation" integer not null default 0, "run_id" text null, "paid_at" timestamptz null, "failed_at" timestamptz null, "reversed_amount" numeric null, "metadata" jsonb null, "raw_amount" jsonb not null, "raw_reversed_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "settlement_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_deleted_at" ON "settlement" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_buyer_id_currency_code_status" ON "settlement" ("buyer_id", "currency_code", "status") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_status_created_at" ON "settlement" ("status", "created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_run_id" ON "settlement" ("run_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_provider_reference" ON "settlement" ("provider_reference") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "settlement_run" ("id" text not null, "trigger" text check ("trigger" in ('schedule', 'admin', 'retry')) not null, "actor_id" text null, "buyer_id" text null, "currency_code" text null, "status" text check ("status" in ('running', 'completed', 'failed')) not null default 'running', "started_at" timestamptz not null, "finished_at" timestamptz null, "settlements_created" integer not null default 0, "settlements_paid" integer not null default 0, "settlements_failed" integer not null default 0, "settlements_processing" integer not null default 0, "skipped" integer not null default 0, "healed" integer not null default 0, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "settlement_run_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_run_deleted_at" ON "settlement_run" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_run_trigger_started_at" ON "settlement_run" ("trigger", "started_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "settlement_skip" ("id" text not null, "run_id" text not null, "buyer_id" text not null, "currency_code" text not null, "reason" text check ("reason" in ('buyer_not_approved', 'payouts_not_enabled', 'under_threshold', 'negative_balance', 'on_hold')) not null, "amount" numeric not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "settlement_skip_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_skip_deleted_at" ON "settlement_skip" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_skip_run_id" ON "settlement_skip" ("run_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_settlement_skip_buyer_id_created_at" ON "settlement_skip" ("buyer_id", "created_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payout_account" cascade;`)

    this.addSql(`drop table if exists "payout_provider_event" cascade;`)

    this.addSql(`drop table if exists "settlement" cascade;`)

    this.addSql(`drop table if exists "settlement_run" cascade;`)

    this.addSql(`drop table if exists "settlement_skip" cascade;`)
  }
}

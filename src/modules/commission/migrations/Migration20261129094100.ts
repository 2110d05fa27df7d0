import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The ledger is append-only, and the database holds it so, whatever code
 * writes to it: an entry's money, type, currency, buyer, source and rule
 * snapshot never change; a paid or voided entry stays so; an entry leaves a
 * settlement only while unpaid (a failed payout), and moves to another only
 * through none; entries are never soft-deleted, and a paid or settled entry
 * is never deleted. Only a workflow compensation, undoing its own write,
 * may step outside these rules (a transaction-local setting). Written by hand: the data model language has no
 * triggers.
 */
export class Migration20261129094100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE OR REPLACE FUNCTION commission_entry_guard() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  -- A workflow compensation undoing its own write (and only that) sets this
  -- for its transaction: see CommissionModuleService.revertLedgerChanges.
  IF current_setting('commission.compensating', true) = 'on' THEN
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'paid' OR OLD.settlement_id IS NOT NULL THEN
      RAISE EXCEPTION 'commission_entry % is paid or settled and cannot be deleted', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.amount IS DISTINCT FROM OLD.amount
    OR NEW.raw_amount IS DISTINCT FROM OLD.raw_amount
    OR NEW.base_amount IS DISTINCT FROM OLD.base_amount
    OR NEW.quantity IS DISTINCT FROM OLD.quantity
    OR NEW.type IS DISTINCT FROM OLD.type
    OR NEW.currency_code IS DISTINCT FROM OLD.currency_code
    OR NEW.buyer_id IS DISTINCT FROM OLD.buyer_id
    OR NEW.source_key IS DISTINCT FROM OLD.source_key
    OR NEW.order_id IS DISTINCT FROM OLD.order_id
    OR NEW.order_line_id IS DISTINCT FROM OLD.order_line_id
    OR NEW.reverses_id IS DISTINCT FROM OLD.reverses_id
    OR NEW.rule_id IS DISTINCT FROM OLD.rule_id
    OR NEW.rule_rate IS DISTINCT FROM OLD.rule_rate
    OR NEW.rule_amount IS DISTINCT FROM OLD.rule_amount
    OR NEW.rule_cap_amount IS DISTINCT FROM OLD.rule_cap_amount
    OR NEW.created_at IS DISTINCT FROM OLD.created_at
  THEN
    RAISE EXCEPTION 'commission_entry % is append-only: its amount, type, currency, buyer, source and rule never change', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at THEN
    RAISE EXCEPTION 'commission_entry % cannot be soft-deleted', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status IN ('paid', 'void') AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'commission_entry % is % and stays so', OLD.id, OLD.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.settlement_id IS NOT NULL AND NEW.settlement_id IS DISTINCT FROM OLD.settlement_id
    AND (NEW.settlement_id IS NOT NULL OR OLD.status = 'paid') THEN
    RAISE EXCEPTION 'commission_entry % belongs to settlement %', OLD.id, OLD.settlement_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$fn$;`)
    this.addSql(
      `DROP TRIGGER IF EXISTS commission_entry_guard ON commission_entry;`
    )
    this.addSql(`
CREATE TRIGGER commission_entry_guard
BEFORE UPDATE OR DELETE ON commission_entry
FOR EACH ROW EXECUTE FUNCTION commission_entry_guard();`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `DROP TRIGGER IF EXISTS commission_entry_guard ON commission_entry;`
    )
    this.addSql(`DROP FUNCTION IF EXISTS commission_entry_guard();`)
  }
}

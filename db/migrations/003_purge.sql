-- A purged run keeps its ledger row, the audit trail of what it wrote and
-- when that was removed; its rows are gone. Scheduled fires stay claimed,
-- so a purge never makes a fire run again.
ALTER TABLE updater_runs ADD COLUMN purged_at timestamptz;

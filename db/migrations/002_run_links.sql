-- Every generated row points at the ledger row of the run that wrote it, so
-- what a run wrote can be found, audited and removed; the indexes keep that
-- lookup (and the foreign-key check when a run is deleted) cheap.
ALTER TABLE customers
  ADD FOREIGN KEY (tenant_id, run_id) REFERENCES updater_runs;
ALTER TABLE equipment
  ADD FOREIGN KEY (tenant_id, run_id) REFERENCES updater_runs;
ALTER TABLE business_records
  ADD FOREIGN KEY (tenant_id, run_id) REFERENCES updater_runs;
ALTER TABLE business_record_activities
  ADD FOREIGN KEY (tenant_id, run_id) REFERENCES updater_runs;
ALTER TABLE service_tickets
  ADD FOREIGN KEY (tenant_id, run_id) REFERENCES updater_runs;

CREATE INDEX customers_by_run ON customers (tenant_id, run_id);
CREATE INDEX equipment_by_run ON equipment (tenant_id, run_id);
CREATE INDEX business_records_by_run ON business_records (tenant_id, run_id);
CREATE INDEX business_record_activities_by_run
  ON business_record_activities (tenant_id, run_id);
CREATE INDEX service_tickets_by_run ON service_tickets (tenant_id, run_id);

-- Generators read a tenant's newest records before every activity run.
CREATE INDEX business_records_by_created
  ON business_records (tenant_id, created_at DESC);

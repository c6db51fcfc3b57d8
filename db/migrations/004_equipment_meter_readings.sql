-- Monthly page-count readings of the customer's devices, the numbers a
-- copier dealer bills from. Counts only rise from one reading of a device
-- to the next; a monochrome device has no colour meter (NULL).
CREATE TABLE equipment_meter_readings (
  tenant_id uuid NOT NULL,
  reading_id uuid NOT NULL,
  customer_id text NOT NULL,
  equipment_id uuid NOT NULL,
  run_id uuid,
  read_at timestamptz NOT NULL,
  black_pages bigint NOT NULL CHECK (black_pages >= 0),
  color_pages bigint CHECK (color_pages >= 0),
  source text NOT NULL
    CHECK (source IN ('dca', 'customer_portal', 'technician')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, reading_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers,
  FOREIGN KEY (tenant_id, equipment_id) REFERENCES equipment,
  FOREIGN KEY (tenant_id, run_id) REFERENCES updater_runs
);
CREATE INDEX equipment_meter_readings_by_device
  ON equipment_meter_readings (tenant_id, equipment_id, read_at);
CREATE INDEX equipment_meter_readings_by_run
  ON equipment_meter_readings (tenant_id, run_id);

ALTER TABLE equipment_meter_readings ENABLE ROW LEVEL SECURITY;
ALTER TABLE equipment_meter_readings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON equipment_meter_readings
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK
    (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

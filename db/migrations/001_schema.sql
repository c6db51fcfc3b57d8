-- The CRM tables db-updater writes, its run ledger, and row-level security.
--
-- Every tenant-owned table carries tenant_id, leads its primary key with it
-- and is protected by a policy on the per-transaction setting
-- `app.tenant_id`. FORCE makes the policies bind the table owner too, so the
-- daemon's own (non-superuser) role cannot write across tenants.

CREATE TABLE tenants (
  tenant_id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The ledger: one row per run, the audit trail of what wrote what.
CREATE TABLE updater_runs (
  tenant_id uuid NOT NULL REFERENCES tenants,
  run_id uuid NOT NULL,
  updater text NOT NULL,
  trigger text NOT NULL
    CHECK (trigger IN ('schedule', 'manual', 'test', 'backfill')),
  fire_time timestamptz,
  instance text NOT NULL,
  seed bigint NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL
    CHECK (status IN ('running', 'succeeded', 'failed', 'dry_run')),
  rows_written jsonb NOT NULL DEFAULT '{}',
  error text,
  PRIMARY KEY (tenant_id, run_id),
  CHECK (trigger <> 'schedule' OR fire_time IS NOT NULL)
);
-- A scheduled fire writes at most once, across restarts and instances.
CREATE UNIQUE INDEX updater_runs_one_per_fire
  ON updater_runs (tenant_id, updater, fire_time)
  WHERE trigger = 'schedule';
CREATE INDEX updater_runs_by_start ON updater_runs (tenant_id, started_at);

CREATE TABLE customers (
  tenant_id uuid NOT NULL REFERENCES tenants,
  customer_id text NOT NULL,
  run_id uuid,
  name text NOT NULL,
  industry text NOT NULL,
  phone text,
  email text,
  street text,
  city text,
  state text,
  postal_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_id)
);

CREATE TABLE equipment (
  tenant_id uuid NOT NULL,
  equipment_id uuid NOT NULL,
  customer_id text NOT NULL,
  run_id uuid,
  make text NOT NULL,
  model text NOT NULL,
  serial_number text NOT NULL,
  device_type text NOT NULL,
  color boolean NOT NULL,
  install_date date NOT NULL,
  location text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, equipment_id),
  UNIQUE (tenant_id, serial_number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers
);

CREATE TABLE business_records (
  tenant_id uuid NOT NULL REFERENCES tenants,
  record_id uuid NOT NULL,
  run_id uuid,
  record_type text NOT NULL CHECK (record_type IN ('lead', 'customer')),
  company_name text NOT NULL,
  industry text NOT NULL,
  employee_count integer NOT NULL CHECK (employee_count > 0),
  size_band text NOT NULL,
  annual_revenue numeric(14, 2) NOT NULL,
  estimated_deal_value numeric(12, 2) NOT NULL,
  lead_score integer NOT NULL CHECK (lead_score BETWEEN 0 AND 100),
  lead_source text NOT NULL,
  status text NOT NULL,
  contact_first_name text NOT NULL,
  contact_last_name text NOT NULL,
  contact_title text NOT NULL,
  contact_email text NOT NULL,
  contact_phone text NOT NULL,
  street text NOT NULL,
  city text NOT NULL,
  state text NOT NULL,
  postal_code text NOT NULL,
  website text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, record_id)
);

CREATE TABLE business_record_activities (
  tenant_id uuid NOT NULL,
  activity_id uuid NOT NULL,
  record_id uuid NOT NULL,
  run_id uuid,
  activity_type text NOT NULL CHECK (activity_type IN
    ('call', 'email', 'meeting', 'demo', 'proposal', 'task', 'note')),
  subject text NOT NULL,
  description text NOT NULL,
  scheduled_at timestamptz NOT NULL,
  completed_at timestamptz,
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
  outcome text,
  next_action text,
  follow_up_date date,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, activity_id),
  FOREIGN KEY (tenant_id, record_id) REFERENCES business_records
);
CREATE INDEX business_record_activities_by_record
  ON business_record_activities (tenant_id, record_id);

-- Gap-free ticket numbers: the counter row of a tenant is locked by the
-- insert that takes a number and released at commit or rollback, so a
-- rolled-back run leaves no hole and parallel runs queue on it.
CREATE TABLE ticket_counters (
  tenant_id uuid PRIMARY KEY REFERENCES tenants,
  last_number bigint NOT NULL
);

CREATE TABLE service_tickets (
  tenant_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  ticket_number bigint NOT NULL,
  customer_id text NOT NULL,
  equipment_id uuid NOT NULL,
  run_id uuid,
  issue_type text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  error_code text,
  priority text NOT NULL
    CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  status text NOT NULL,
  required_parts text[] NOT NULL DEFAULT '{}',
  required_skills text[] NOT NULL DEFAULT '{}',
  estimated_duration_minutes integer NOT NULL
    CHECK (estimated_duration_minutes > 0),
  scheduled_date date,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id),
  UNIQUE (tenant_id, ticket_number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers,
  FOREIGN KEY (tenant_id, equipment_id) REFERENCES equipment
);

CREATE FUNCTION next_ticket_number() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_counters AS c (tenant_id, last_number)
  VALUES (NEW.tenant_id, 1)
  ON CONFLICT (tenant_id)
    DO UPDATE SET last_number = c.last_number + 1
  RETURNING last_number INTO NEW.ticket_number;
  RETURN NEW;
END $$;

CREATE TRIGGER service_tickets_number
  BEFORE INSERT ON service_tickets
  FOR EACH ROW WHEN (NEW.ticket_number IS NULL)
  EXECUTE FUNCTION next_ticket_number();

-- Row-level security: a transaction sees and writes only the tenant named
-- by `SET LOCAL app.tenant_id`.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenants', 'updater_runs', 'customers',
    'equipment', 'business_records', 'business_record_activities',
    'ticket_counters', 'service_tickets']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I '
      'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) '
      'WITH CHECK '
      '(tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END $$;

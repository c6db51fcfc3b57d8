-- A tenant's company names and contact emails do not repeat: generators
-- avoid the ones a tenant has, and these indexes hold the line against
-- anything that slips past them (two runs of one tenant at once).
CREATE UNIQUE INDEX business_records_one_company
  ON business_records (tenant_id, lower(company_name));
CREATE UNIQUE INDEX business_records_one_email
  ON business_records (tenant_id, lower(contact_email));

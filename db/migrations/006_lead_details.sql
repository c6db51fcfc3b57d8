-- What a lead's numbers rest on: the devices its deal covers (the deal is
-- that many devices at the price of its size band) and the points of each
-- fit factor its score adds up (industry, size, source, inquiry).
-- Rows written before this migration have neither.
ALTER TABLE business_records ADD COLUMN estimated_devices integer
  CHECK (estimated_devices > 0);
ALTER TABLE business_records ADD COLUMN lead_score_factors jsonb;

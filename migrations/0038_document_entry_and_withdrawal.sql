-- The document library's own entries and withdrawals (docs/decisions/043, amended).
--
-- A document entered by hand (a department's notice that no gazette prints) says who entered it;
-- import_source stays NULL until a gazette prints the same number, and then the gazette's text
-- is the document's (a re-import updates it, as for every imported document).
ALTER TABLE documents ADD COLUMN entered_by integer REFERENCES users (id);
-- A form sent twice (a retry after a lost answer) enters one document: 'user:<id>:<client key>'.
ALTER TABLE documents ADD COLUMN idempotency_key text UNIQUE;
ALTER TABLE documents ADD COLUMN idempotency_fingerprint text;

-- 撤回: a publication taken back, with its reason. The document keeps its record and may be
-- published again; each withdrawal stays here, the newest shown on the document's page.
CREATE TABLE document_withdrawals (
  id serial PRIMARY KEY,
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- The publication withdrawn: the day it had gone out.
  published_on date NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  withdrawn_by integer NOT NULL REFERENCES users (id),
  withdrawn_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_withdrawals_document ON document_withdrawals (document_id, id DESC);

-- Who each timeline line and each notification is for (security review, issue 7, finding 2;
-- docs/decisions/009-case-policy.md). A yes/no "public" flag could not tell a line every staff
-- member of a case may read from a note only the people working it may read, and every reader
-- that was not a resident was taken for staff. Presenters now show a line to a viewer only when
-- the case policy grants the viewer that audience.
--   public   — everyone who may see the case: its reporters and co-reporters; the public map
--              and Open311 for public categories
--   staff    — everyone with the staff view of the case
--   internal — the staff working the case: its desk, its handling unit or grid, its verifier
ALTER TABLE case_events ADD COLUMN audience text NOT NULL DEFAULT 'staff'
  CHECK (audience IN ('public', 'staff', 'internal'));
UPDATE case_events SET audience = CASE
  WHEN is_public THEN 'public'
  -- An internal comment, a co-reporter's own words, and the dossier lines that name the owner.
  WHEN action IN ('comment', 'join', 'av_owner_lookup', 'av_notice', 'av_objection', 'av_objection_resolved') THEN 'internal'
  ELSE 'staff' END;
ALTER TABLE case_events DROP COLUMN is_public;

ALTER TABLE notifications ADD COLUMN audience text NOT NULL DEFAULT 'public'
  CHECK (audience IN ('public', 'staff', 'internal'));
-- A dispatch notice goes to the people who will handle the case, with the dispatcher's note.
UPDATE notifications SET audience = 'internal' WHERE kind = 'case_dispatched';

-- A retried report must be the same report: the key's first request is remembered by a hash of
-- its body, and a different body under the same key is refused (422 IDEMPOTENCY_MISMATCH, as
-- Stripe answers) instead of silently answering with the first case (finding 12).
ALTER TABLE cases ADD COLUMN idempotency_fingerprint text;

-- The candidate's schooling and the circumstances that relax the requirement (rule ADM-03),
-- recorded when the candidate is listed or later, and checked at the cell vote.
ALTER TABLE candidate ADD COLUMN education_level TEXT;
ALTER TABLE candidate ADD COLUMN hardship_area BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE candidate ADD COLUMN fisherman BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE candidate ADD COLUMN elder_or_hamlet_head BOOLEAN NOT NULL DEFAULT FALSE;
-- The province-level consent for an elder or hamlet head admitted on literacy alone.
ALTER TABLE candidate ADD COLUMN education_consent_ref TEXT;
ALTER TABLE candidate ADD COLUMN education_consent_on DATE;

-- A vote without two thirds is still recorded and reported upward (ADM-09, ADM-10) but does
-- not advance the pipeline: every other step passes.
ALTER TABLE candidate_step ADD COLUMN passed BOOLEAN NOT NULL DEFAULT TRUE;

-- Dossier documents (ADM-15) recorded apart from a step: one the step lacked, or the comment
-- summary (ADM-08) recorded before the cell vote. Append-only, like the steps.
CREATE TABLE candidate_document (
    id INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES candidate (id),
    item TEXT NOT NULL,
    document_ref TEXT NOT NULL,
    dated_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX candidate_document_candidate ON candidate_document (candidate_id);

-- Official recognition of probationers (rules PRB-02 … PRB-05; issue 5, point 3): the cell's
-- review rounds and the committee's decision, append-only. The registry events `recognized`
-- and `not_recognized` the decision leads to are written to member_event in the same
-- transaction.
CREATE TABLE recognition_step (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cell_review', 'committee_decision')),
    -- The resolution's or decision's date.
    effective_on DATE NOT NULL,
    document_ref TEXT,
    -- Cell review: the ADM-09 counts. approvals are for recognition, removal_votes for removal
    -- from the probationary list; vote_base is the cell's official members on the day.
    approvals INTEGER,
    removal_votes INTEGER,
    vote_base INTEGER,
    absent_exempted INTEGER,
    -- Cell review: recognize | not_recognize | undecided; decision: recognized | not_recognized.
    outcome TEXT NOT NULL,
    -- Cell review: the round's number (PRB-05).
    round INTEGER,
    -- Decision: grassroots_committee | superior_standing_committee (ADM-12), the PRB-03
    -- extension, and the deadline it was due by.
    deciding_body TEXT,
    extended BOOLEAN NOT NULL DEFAULT FALSE,
    due_on DATE,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    UNIQUE (member_id, seq)
);

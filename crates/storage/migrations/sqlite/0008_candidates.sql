-- Candidates for admission (rule ADM-14), per cell, and the append-only steps of their
-- pipeline from the outstanding list to the ceremony. Steps are never updated or deleted.
CREATE TABLE candidate (
    id INTEGER PRIMARY KEY,
    candidate_key TEXT NOT NULL UNIQUE,
    cell_id INTEGER NOT NULL REFERENCES unit (id),
    full_name TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date DATE NOT NULL,
    citizen_id TEXT,
    youth_union_member BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX candidate_cell ON candidate (cell_id);

CREATE TABLE candidate_step (
    id INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES candidate (id),
    seq INTEGER NOT NULL,
    stage TEXT NOT NULL,
    effective_on DATE NOT NULL,
    -- The document's or decision's number, as written on it.
    document_ref TEXT,
    -- Votes: approvals, and the base (the cell's official members or the committee's size).
    approvals INTEGER,
    vote_base INTEGER,
    absent_exempted INTEGER,
    -- The decision: the day the cell received it, and the ADM-11 deadline it was due by.
    received_on DATE,
    due_on DATE,
    -- Free facts of the step (sponsors, verification conclusion, consent), as JSON.
    detail TEXT,
    -- The ceremony: the member it created.
    member_id INTEGER REFERENCES member (id),
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    UNIQUE (candidate_id, seq)
);

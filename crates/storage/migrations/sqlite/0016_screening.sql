-- Screening (rà soát, sàng lọc; rule REM-09; issue 6, point 6): a case per member flagged by
-- the cell, and its append-only steps: the flag with the secret-ballot counts, the help plan
-- with the responsible member, the review after the help period, and the removal decision,
-- whose registry event `removed` is written to member_event in the same transaction.
CREATE TABLE screening_case (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    opened_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);
CREATE INDEX screening_case_member ON screening_case (member_id);

CREATE TABLE screening_step (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES screening_case (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('flagged', 'help_planned', 'reviewed', 'removal_decided')),
    effective_on DATE NOT NULL,
    -- Flagged: the vote (REM-09: secret ballot, two thirds of official members not exempted).
    official_members INTEGER,
    exempted INTEGER,
    approvals INTEGER,
    vote_method TEXT,
    -- Help planned: the member responsible for the help.
    responsible_member TEXT,
    -- Reviewed: progress keeps the member; none proposes exit.
    progress BOOLEAN,
    -- Removal decided: the decision's number and date.
    decision_ref TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    UNIQUE (case_id, seq)
);

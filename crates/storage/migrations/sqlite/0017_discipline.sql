-- Disciplinary measures (rule REM-07): reprimand, warning, removal from post, expulsion, each
-- with its decision. Append-only. A measure in force bars the member from sponsoring an
-- applicant (ADM-05); expulsion also ends membership through the `expelled` registry event,
-- written in the same transaction.
CREATE TABLE discipline (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    kind TEXT NOT NULL CHECK (kind IN ('reprimand', 'warning', 'removal_from_post', 'expulsion')),
    decided_on DATE NOT NULL,
    decision_ref TEXT NOT NULL,
    reason TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX discipline_member ON discipline (member_id, decided_on);

-- Removal of name (xóa tên; REM-05), complaints against a removal (REM-06) or a disciplinary
-- measure (REM-07), and leaving on request (xin ra khỏi Đảng; REM-08); issue 6, point 6.
-- A case per procedure and member, and its append-only steps. The decision steps write their
-- registry event (`removed`, `resigned`) to member_event in the same transaction; a settled
-- complaint whose decision does not stand voids the contested `removed` or `expelled` event.
CREATE TABLE removal_case (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    procedure TEXT NOT NULL CHECK (procedure IN ('removal', 'leave', 'complaint')),
    -- A complaint contests a removal case, a disciplinary measure or the removal decided at
    -- the end of a screening (REM-09).
    contests_case_id INTEGER REFERENCES removal_case (id),
    contests_discipline_id INTEGER REFERENCES discipline (id),
    contests_screening_id INTEGER REFERENCES screening_case (id),
    opened_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);
CREATE INDEX removal_case_member ON removal_case (member_id, procedure);

CREATE TABLE removal_step (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES removal_case (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('opened', 'self_review_requested', 'self_reviewed',
        'cell_vote', 'committee_vote', 'decided', 'requested', 'cell_forwarded',
        'decision_received', 'lodged', 'settled')),
    effective_on DATE NOT NULL,
    -- Opened: the ground of removal (REM-05, REM-10).
    ground TEXT,
    -- Cell vote (base = members voting) and committee vote (base = committee size).
    base INTEGER,
    approvals INTEGER,
    -- Decided: the decision's number (removal, leave).
    decision_ref TEXT,
    -- Requested: the written reasons and the declared standards breach (REM-08).
    reasons TEXT,
    standards_breach BOOLEAN,
    -- Lodged: the level settling the complaint (local, central).
    level TEXT,
    -- Settled: whether the contested decision stands.
    decision_stands BOOLEAN,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    UNIQUE (case_id, seq)
);

-- Transfers of party activity (rules TRF-01 … TRF-05; issue 6, point 1) and exemptions from
-- activities (EXM-01 … EXM-03; point 2). The registry's events (member_event) stay the record
-- of the member's state; these tables keep the papers behind them and the event ids they
-- produced. Rows are appended; closure, return and resumption fields are filled in once,
-- audited.

-- One transfer letter (giấy giới thiệu sinh hoạt đảng), official or temporary. The
-- destination is a unit of the registry or an organisation outside it, never both.
CREATE TABLE transfer_letter (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    kind TEXT NOT NULL CHECK (kind IN ('official', 'temporary')),
    letter_number TEXT NOT NULL,
    issued_on DATE NOT NULL,
    from_unit_id INTEGER NOT NULL REFERENCES unit (id),
    to_unit_id INTEGER REFERENCES unit (id),
    to_outside TEXT,
    -- The last month of dues paid, yyyy-mm (TRF-04).
    fees_paid_through TEXT,
    -- The letter's other boxes (TRF-04) as JSON.
    content TEXT NOT NULL,
    -- TRF-01: the move or decision that started the transfer and the start's due date.
    move_reason TEXT,
    move_on DATE,
    start_due_on DATE,
    out_event_id INTEGER REFERENCES member_event (id),
    -- TRF-02: the presentation at the receiving committee; a late one carries the reason.
    presented_on DATE,
    late_explanation TEXT,
    in_event_id INTEGER REFERENCES member_event (id),
    closed_on DATE,
    closure_kind TEXT CHECK (closure_kind IN ('received', 'confirmed')),
    confirmation_ref TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    closed_at TIMESTAMP,
    closed_by INTEGER REFERENCES app_user (id),
    CHECK ((to_unit_id IS NULL) <> (to_outside IS NULL)),
    CHECK ((closed_on IS NULL) = (closure_kind IS NULL))
);

CREATE INDEX transfer_letter_member ON transfer_letter (member_id);
CREATE INDEX transfer_letter_open ON transfer_letter (closed_on, from_unit_id);

-- A temporary transfer (TRF-05): the member attends a host cell; the record stays home.
CREATE TABLE temporary_transfer (
    id INTEGER PRIMARY KEY,
    letter_id INTEGER NOT NULL UNIQUE REFERENCES transfer_letter (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    host_unit_id INTEGER NOT NULL REFERENCES unit (id),
    reason TEXT NOT NULL CHECK (reason IN ('move', 'study_or_secondment')),
    from_on DATE NOT NULL,
    until_on DATE NOT NULL,
    out_event_id INTEGER REFERENCES member_event (id),
    returned_on DATE,
    return_event_id INTEGER REFERENCES member_event (id),
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX temporary_transfer_member ON temporary_transfer (member_id);
CREATE INDEX temporary_transfer_host ON temporary_transfer (host_unit_id);

-- Extensions of a temporary transfer, reported home (TRF-05); never updated.
CREATE TABLE temporary_transfer_renewal (
    id INTEGER PRIMARY KEY,
    temporary_transfer_id INTEGER NOT NULL REFERENCES temporary_transfer (id),
    decided_on DATE NOT NULL,
    until_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX temporary_transfer_renewal_of ON temporary_transfer_renewal (temporary_transfer_id);

-- An exemption from party work and activities (EXM-01, EXM-02).
CREATE TABLE exemption_record (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    kind TEXT NOT NULL CHECK (kind IN ('full', 'temporary')),
    reason TEXT NOT NULL CHECK (reason IN ('old_age', 'poor_health')),
    requested_on DATE NOT NULL,
    resolution_ref TEXT NOT NULL,
    resolution_on DATE NOT NULL,
    from_on DATE NOT NULL,
    to_on DATE,
    exempted_event_id INTEGER REFERENCES member_event (id),
    resumed_on DATE,
    ended_event_id INTEGER REFERENCES member_event (id),
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX exemption_record_member ON exemption_record (member_id);

-- Extensions of an exemption's planned end; never updated.
CREATE TABLE exemption_renewal (
    id INTEGER PRIMARY KEY,
    exemption_id INTEGER NOT NULL REFERENCES exemption_record (id),
    resolution_ref TEXT NOT NULL,
    decided_on DATE NOT NULL,
    to_on DATE,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX exemption_renewal_of ON exemption_renewal (exemption_id);

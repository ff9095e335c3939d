-- Party fees (rules FEE-01 … FEE-05; issue 6, point 5). Months are stored as 'yyyy-mm' text,
-- which sorts and compares the same on both engines. Amounts are whole đồng.
-- Histories (category, income base): each row applies from its month until the next one;
-- setting a month again replaces that month's row.
CREATE TABLE fee_profile (
    member_id INTEGER NOT NULL REFERENCES member (id),
    valid_from TEXT NOT NULL,
    category TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    PRIMARY KEY (member_id, valid_from)
);

CREATE TABLE fee_income (
    member_id INTEGER NOT NULL REFERENCES member (id),
    valid_from TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount_dong INTEGER NOT NULL CHECK (amount_dong >= 0),
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    PRIMARY KEY (member_id, valid_from)
);

-- FEE-03 exemptions; an open end while the ground lasts.
CREATE TABLE fee_exemption (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    ground TEXT NOT NULL,
    from_month TEXT NOT NULL,
    until_month TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX fee_exemption_member ON fee_exemption (member_id);

-- FEE-04 hardship decisions.
CREATE TABLE fee_reduction (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    percent INTEGER NOT NULL CHECK (percent > 0 AND percent <= 100),
    from_month TEXT NOT NULL,
    until_month TEXT NOT NULL,
    decision_ref TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX fee_reduction_member ON fee_reduction (member_id);

-- FEE-05 payments, each covering the months from_month … to_month; the cell that collected
-- it is kept so the cell's sheet and totals do not move when the member transfers later.
CREATE TABLE fee_payment (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    cell_id INTEGER NOT NULL REFERENCES unit (id),
    from_month TEXT NOT NULL,
    to_month TEXT NOT NULL,
    amount_dong INTEGER NOT NULL CHECK (amount_dong > 0),
    channel TEXT NOT NULL,
    -- NULL when the member paid in person.
    payer_name TEXT,
    paid_on DATE NOT NULL,
    receipt_ref TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    CHECK (from_month <= to_month)
);

CREATE INDEX fee_payment_member ON fee_payment (member_id);
CREATE INDEX fee_payment_cell ON fee_payment (cell_id, from_month);

-- Fee regimes (GEN-03), seeded from the shipped ones; `body` is the regime as JSON (rates in
-- basis points and the flat table), so filling the FEE-02 table needs no migration.
CREATE TABLE fee_rate_version (
    rate_key TEXT PRIMARY KEY,
    source_ref TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    body TEXT NOT NULL
);

-- What a unit passed up to the level above for a month: the actual amount, since the share
-- each level keeps is not settled in the sources.
CREATE TABLE fee_remittance (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit (id),
    month TEXT NOT NULL,
    amount_dong INTEGER NOT NULL CHECK (amount_dong > 0),
    to_unit_id INTEGER NOT NULL REFERENCES unit (id),
    remitted_on DATE NOT NULL,
    reference TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX fee_remittance_unit ON fee_remittance (unit_id, month);

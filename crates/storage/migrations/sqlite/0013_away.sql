-- Members working away (rules AWY-01 … AWY-04): the record a cell keeps on a period away, from
-- the `working_away_start` event to the `working_away_end` one, its temporary exemptions and
-- the contact log. Exemptions and contacts are appended, never updated or deleted.
CREATE TABLE away_period (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    since DATE NOT NULL,
    ended_on DATE,
    place TEXT NOT NULL,
    employer TEXT,
    contact TEXT,
    -- The committee member in charge of keeping contact (AWY-03).
    contact_person_id INTEGER REFERENCES member (id),
    -- The remote party group: a unit of the tree where there is one, else its name as text.
    remote_group_unit_id INTEGER REFERENCES unit (id),
    remote_group TEXT,
    messaging_group TEXT,
    -- AWY-04 facts: who owes ties with the residence cell.
    works_in_agency BOOLEAN NOT NULL,
    barracks_based BOOLEAN NOT NULL,
    full_time_study_months INTEGER,
    student_away BOOLEAN NOT NULL,
    -- The registry events that open and close the period.
    start_event_id INTEGER NOT NULL REFERENCES member_event (id),
    end_event_id INTEGER REFERENCES member_event (id),
    created_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX away_period_member ON away_period (member_id);

CREATE TABLE away_temporary_exemption (
    id INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES away_period (id),
    decided_on DATE NOT NULL,
    from_on DATE NOT NULL,
    until_on DATE NOT NULL,
    resolution_ref TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX away_temporary_exemption_period ON away_temporary_exemption (period_id);

CREATE TABLE away_contact (
    id INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES away_period (id),
    contacted_on DATE NOT NULL,
    channel TEXT NOT NULL,
    by_member_id INTEGER NOT NULL REFERENCES member (id),
    note TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id)
);

CREATE INDEX away_contact_period ON away_contact (period_id);

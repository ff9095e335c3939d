-- Cell meetings (rules MTG-01 … MTG-06; issue 6, point 4): the record of each sitting, the
-- presence of every member of the cell's roster on the day, and the votes on its resolutions.
CREATE TABLE meeting (
    id INTEGER PRIMARY KEY,
    cell_id INTEGER NOT NULL REFERENCES unit (id),
    -- regular, thematic, general or extraordinary.
    kind TEXT NOT NULL,
    -- A regular meeting that also holds the quarter's thematic topic (MTG-02).
    thematic BOOLEAN NOT NULL,
    topic TEXT,
    held_on DATE NOT NULL,
    -- Time of day the sitting opened, HH:MM.
    started_at TEXT,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    online BOOLEAN NOT NULL,
    chair_id INTEGER REFERENCES member (id),
    recorder_id INTEGER REFERENCES member (id),
    -- One agenda item per line.
    agenda TEXT NOT NULL,
    minutes TEXT,
    resolution TEXT,
    -- The facts of MTG-04 only the record's reader can judge.
    prepared_content BOOLEAN NOT NULL,
    draft_resolution BOOLEAN NOT NULL,
    broad_participation BOOLEAN NOT NULL,
    principles_respected BOOLEAN NOT NULL,
    minutes_complete BOOLEAN NOT NULL,
    -- MTG-05, where the province scores meetings: the four parts, all or none.
    score_preparation INTEGER,
    score_attendance INTEGER,
    score_conduct INTEGER,
    score_conclusion INTEGER,
    full_attendance BOOLEAN NOT NULL,
    full_duration BOOLEAN NOT NULL,
    full_participation BOOLEAN NOT NULL,
    full_minutes BOOLEAN NOT NULL,
    -- Set once attendance has been taken.
    attendance_taken_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX meeting_cell_day ON meeting (cell_id, held_on);

-- One row per member of the roster on the meeting day. `in_base` and `base_role` are fixed
-- when attendance is recorded (MTG-03), so later registry changes do not rewrite history.
-- `presence` is NULL only for a member outside the base who was not marked.
CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    presence TEXT CHECK (presence IN ('present', 'excused', 'unexcused')),
    reason TEXT,
    in_base BOOLEAN NOT NULL,
    base_role TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE INDEX meeting_attendance_member ON meeting_attendance (member_id);

CREATE TABLE meeting_vote (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    seq INTEGER NOT NULL,
    subject TEXT NOT NULL,
    approvals INTEGER NOT NULL CHECK (approvals >= 0),
    against INTEGER NOT NULL CHECK (against >= 0),
    abstain INTEGER NOT NULL CHECK (abstain >= 0),
    PRIMARY KEY (meeting_id, seq)
);

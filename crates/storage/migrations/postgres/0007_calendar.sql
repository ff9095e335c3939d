-- The working-day calendar (rule GEN-01): public holidays, days off and make-up working days,
-- one entry per date. Seeded from the shipped 2020–2030 data at setup; administrators edit it.
CREATE TABLE calendar_entry (
    date DATE PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'day_off', 'makeup_workday')),
    name TEXT NOT NULL
);

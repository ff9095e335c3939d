-- Yearly admission targets (rule TGT-03; issue 5, point 5): one per unit and year, either a
-- count of admissions or a share of the unit's members on 1 January, kept in hundredths of a
-- percent (350 = 3.50 %) so that both engines store it exactly. Setting again replaces it.
CREATE TABLE admission_target (
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1930 AND 2100),
    target_count BIGINT CHECK (target_count >= 0),
    percent_hundredths INTEGER CHECK (percent_hundredths > 0 AND percent_hundredths <= 10000),
    set_at TIMESTAMPTZ NOT NULL,
    set_by TEXT NOT NULL,
    PRIMARY KEY (unit_id, year),
    CHECK ((target_count IS NULL) <> (percent_hundredths IS NULL))
);

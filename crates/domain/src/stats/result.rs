//! A statistics table: its columns (dimension columns, then measures in the order of the
//! issue), one row per combination of dimension values with a non-zero measure, and the total.

use serde::Serialize;

use super::{AS_OF_MEASURES, Dimension, PERIOD_MEASURES, StatsQuery};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatsRow {
    /// One value per dimension column (a unit gives its code and its name); empty for unknown.
    pub dims: Vec<String>,
    /// One value per measure column.
    pub values: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatsResult {
    pub query: StatsQuery,
    /// The unit counted (code and name), `None` for the whole registry.
    pub unit: Option<(String, String)>,
    pub dim_columns: Vec<&'static str>,
    pub measure_columns: Vec<String>,
    /// Sorted by the dimension columns; without a breakdown, the single row of the scope.
    pub rows: Vec<StatsRow>,
    /// The measures of the whole scope.
    pub total: Vec<i64>,
}

impl StatsResult {
    /// The dimension columns of `by`, in order.
    pub fn dim_columns(by: &[Dimension]) -> Vec<&'static str> {
        by.iter()
            .flat_map(|d| d.columns().iter().copied())
            .collect()
    }

    /// The measure columns: as-of measures on the day; with a period, the period measures;
    /// with a comparison day, each as-of measure on that day and then each difference
    /// (day minus comparison day).
    pub fn measure_columns(query: &StatsQuery) -> Vec<String> {
        let mut out: Vec<String> = AS_OF_MEASURES.iter().map(|m| (*m).to_owned()).collect();
        if query.period.is_some() {
            out.extend(PERIOD_MEASURES.iter().map(|m| (*m).to_owned()));
        }
        if query.compare.is_some() {
            out.extend(AS_OF_MEASURES.iter().map(|m| format!("{m}_compare")));
            out.extend(AS_OF_MEASURES.iter().map(|m| format!("{m}_change")));
        }
        out
    }

    /// Every column, dimensions first.
    pub fn columns(&self) -> Vec<&str> {
        self.dim_columns
            .iter()
            .copied()
            .chain(self.measure_columns.iter().map(String::as_str))
            .collect()
    }

    /// The value of measure `name` in `row`.
    pub fn measure(&self, row: &StatsRow, name: &str) -> Option<i64> {
        let i = self.measure_columns.iter().position(|m| m == name)?;
        row.values.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn columns_follow_the_issue_order() {
        let mut q = StatsQuery::on(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        q.by = vec![Dimension::Unit, Dimension::Sex];
        assert_eq!(
            StatsResult::dim_columns(&q.by),
            ["unit_code", "unit_name", "sex"]
        );
        assert_eq!(StatsResult::measure_columns(&q).len(), 6);
        q.period = Some((q.as_of, q.as_of));
        q.compare = Some(q.as_of);
        let m = StatsResult::measure_columns(&q);
        assert_eq!(m.len(), 6 + 9 + 12);
        assert_eq!(m[6], "admitted");
        assert_eq!(m[15], "members_compare");
        assert_eq!(m[21], "members_change");
    }
}

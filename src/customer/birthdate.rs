//! Reading dates written by people and CRMs (`1990-07-03`, `1990/07/03`, `03.07.1990`,
//! `07/03/1990`) into the API's `YYYY-MM-DD`, refusing to guess the order of day and month.

use crate::formats::is_calendar_date;

/// The order of day and month in slash-separated dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// `DD/MM/YYYY`.
    DayMonthYear,
    /// `MM/DD/YYYY`.
    MonthDayYear,
}

impl DateOrder {
    /// Reads `dmy` or `mdy`.
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text {
            "dmy" => Some(DateOrder::DayMonthYear),
            "mdy" => Some(DateOrder::MonthDayYear),
            _ => None,
        }
    }
}

/// Why a date could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// `NN/NN/YYYY` without a stated order.
    Ambiguous,
    /// Not one of the accepted shapes, or not a real calendar date.
    Invalid,
}

/// Reads a date in one of the accepted shapes and returns it as `YYYY-MM-DD`:
/// ISO (`1990-07-03`, or a timestamp whose date part is taken), `YYYY/MM/DD`, `DD.MM.YYYY`, and
/// `MM/DD/YYYY` or `DD/MM/YYYY` only when `order` says which.
pub fn normalize_date(text: &str, order: Option<DateOrder>) -> Result<String, DateProblem> {
    let text = text.trim();
    if let Some(date) = text.get(..10).filter(|date| is_calendar_date(date)) {
        let rest = text.get(10..).unwrap_or_default();
        if rest.is_empty() || (rest.starts_with('T') && crate::formats::is_iso_timestamp(text)) {
            return Ok(date.to_string());
        }
        return Err(DateProblem::Invalid);
    }
    let parts = |separator: char| -> Option<Vec<&str>> {
        let parts: Vec<&str> = text.split(separator).collect();
        (parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
        .then_some(parts)
    };
    let (year, month, day) = if let Some(p) = parts('/') {
        match (p.as_slice(), order) {
            ([y, m, d], _) if y.len() == 4 => (*y, *m, *d),
            ([_, _, y], None) if y.len() == 4 => return Err(DateProblem::Ambiguous),
            ([d, m, y], Some(DateOrder::DayMonthYear)) => (*y, *m, *d),
            ([m, d, y], Some(DateOrder::MonthDayYear)) => (*y, *m, *d),
            _ => return Err(DateProblem::Invalid),
        }
    } else if let Some(p) = parts('.') {
        match p.as_slice() {
            [d, m, y] => (*y, *m, *d),
            _ => return Err(DateProblem::Invalid),
        }
    } else {
        return Err(DateProblem::Invalid);
    };
    if year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return Err(DateProblem::Invalid);
    }
    let iso = format!("{year}-{month:0>2}-{day:0>2}");
    if is_calendar_date(&iso) {
        Ok(iso)
    } else {
        Err(DateProblem::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::*;

    #[test]
    fn reads_every_accepted_shape() {
        assert_eq!(normalize_date("1990-07-03", None).unwrap(), "1990-07-03");
        assert_eq!(
            normalize_date(" 1990-07-03T00:00:00.000Z ", None).unwrap(),
            "1990-07-03"
        );
        assert_eq!(normalize_date("1990/07/03", None).unwrap(), "1990-07-03");
        assert_eq!(normalize_date("3.7.1990", None).unwrap(), "1990-07-03");
        assert_eq!(normalize_date("03.07.1990", None).unwrap(), "1990-07-03");
        assert_eq!(
            normalize_date("07/03/1990", Some(MonthDayYear)).unwrap(),
            "1990-07-03"
        );
        assert_eq!(
            normalize_date("03/07/1990", Some(DayMonthYear)).unwrap(),
            "1990-07-03"
        );
    }

    #[test]
    fn never_guesses_the_order_of_slash_dates() {
        assert_eq!(
            normalize_date("03/07/1990", None),
            Err(DateProblem::Ambiguous)
        );
        assert_eq!(
            normalize_date("13/07/1990", None),
            Err(DateProblem::Ambiguous)
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "1990-02-30",
            "30.02.1990",
            "1990/13/01",
            "1990-07-03 10:00",
            "July 3 1990",
            "",
            "03/07/90",
        ] {
            assert_eq!(
                normalize_date(bad, Some(DayMonthYear)),
                Err(DateProblem::Invalid),
                "{bad}"
            );
        }
        assert_eq!(
            normalize_date("13/13/1990", Some(MonthDayYear)),
            Err(DateProblem::Invalid)
        );
    }
}

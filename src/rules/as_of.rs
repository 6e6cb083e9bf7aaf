//! The as-of date as the checks see it.
//!
//! A check never holds the as-of date as a plain [`Date`]: it asks [`AsOf`] whether the date is
//! before or after another one, and every such question records the day on which its answer would
//! turn. Evaluated on day `t`, a vendor's checks follow one path through their code; on every day
//! until the first recorded turn after `t` each question gets the same answer, so they follow the
//! same path to the same outcomes. The expiry calendar therefore evaluates a vendor again only on
//! those days (see `portfolio::calendar`), and every rule announces its own future changes: a
//! new rule cannot forget its calendar, because it cannot read the date any other way.

use std::cell::RefCell;
use std::fmt;

use crate::evidence::Date;

/// The as-of date of one evaluation, with the days on which the checks' answers turn.
#[derive(Debug)]
pub struct AsOf {
    date: Date,
    turns: RefCell<Vec<Date>>,
}

impl AsOf {
    pub fn new(date: Date) -> AsOf {
        AsOf {
            date,
            turns: RefCell::new(Vec::new()),
        }
    }

    fn turns_on(&self, day: Date) {
        self.turns.borrow_mut().push(day);
    }

    /// The as-of date is later than `d` (turns on the day after `d`).
    pub fn after(&self, d: Date) -> bool {
        self.turns_on(d.plus_days(1));
        self.date > d
    }

    /// The as-of date is earlier than `d` (turns on `d`).
    pub fn before(&self, d: Date) -> bool {
        self.turns_on(d);
        self.date < d
    }

    /// The as-of date is `d` or later.
    pub fn on_or_after(&self, d: Date) -> bool {
        !self.before(d)
    }

    /// The as-of date is `d` or earlier.
    pub fn on_or_before(&self, d: Date) -> bool {
        !self.after(d)
    }

    /// `first <= as-of <= last`.
    pub fn within(&self, first: Date, last: Date) -> bool {
        self.on_or_after(first) && self.on_or_before(last)
    }

    /// The date itself, for messages only: a decision taken on it would not be announced by the
    /// calendar.
    pub fn shown(&self) -> Date {
        self.date
    }

    /// Whole days since `d`, for messages only.
    pub fn days_since(&self, d: Date) -> i64 {
        d.days_until(self.date)
    }

    /// Whole calendar months since `d`, for messages only.
    pub fn months_since(&self, d: Date) -> i64 {
        d.months_until(self.date)
    }

    /// Whole days until `d`, for messages only.
    pub fn days_until(&self, d: Date) -> i64 {
        self.date.days_until(d)
    }

    /// The days, after the as-of date, on which an answer given so far would turn.
    pub fn turns_after(&self) -> Vec<Date> {
        let mut days: Vec<Date> = self
            .turns
            .borrow()
            .iter()
            .copied()
            .filter(|d| *d > self.date)
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// The first day after the as-of date on which an answer given since the last call would
    /// turn, forgetting those answers: what one check's outcome rests on.
    pub fn take_next_turn(&self) -> Option<Date> {
        let next = self
            .turns
            .borrow()
            .iter()
            .copied()
            .filter(|d| *d > self.date)
            .min();
        self.turns.borrow_mut().clear();
        next
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.date.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_question_records_the_day_its_answer_turns() {
        let day = Date::ymd(2026, 11, 23);
        let as_of = AsOf::new(day);
        assert!(as_of.after(Date::ymd(2026, 11, 22)));
        assert!(!as_of.after(Date::ymd(2026, 11, 23)));
        assert!(as_of.before(Date::ymd(2026, 12, 1)));
        assert!(as_of.on_or_before(Date::ymd(2026, 11, 23)));
        // Each recorded day is the first on which the same question is answered the other way.
        assert_eq!(
            as_of.turns_after(),
            vec![Date::ymd(2026, 11, 24), Date::ymd(2026, 12, 1)]
        );
        let later = AsOf::new(Date::ymd(2026, 11, 24));
        assert!(later.after(Date::ymd(2026, 11, 23)));
        assert!(!later.on_or_before(Date::ymd(2026, 11, 23)));
        let december = AsOf::new(Date::ymd(2026, 12, 1));
        assert!(!december.before(Date::ymd(2026, 12, 1)));
    }
}

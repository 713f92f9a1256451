//! Step 9, Support: signals that suggest professional help, each with its reason in plain
//! words and the facts behind it, private to the person; and where to find help.

use serde::{Deserialize, Serialize};

choices!(
    /// A signal that suggests professional help.
    Signal {
        /// A kept safety check suggests danger: support of one's own first.
        OwnSupport => "own_support", "Support of your own comes first";
        /// Infidelity among one's roots.
        Infidelity => "infidelity", "Infidelity is part of what happened";
        /// Talks that keep turning into fights.
        Fights => "fights", "Talks keep turning into fights";
        /// Triggers not easing.
        NotEasing => "not_easing", "The worry isn't easing";
        /// Only one partner adding anything shared.
        OneSided => "one_sided", "The work is resting on one of you";
    }
);

impl Signal {
    /// Why it suggests help, in plain words.
    pub fn reason(self) -> &'static str {
        match self {
            Signal::OwnSupport => {
                "You told us you may not be safe with your partner. Please talk to someone in confidence, on your own, before any couples work or couples therapy: individual support and the lines below are the right place to start."
            }
            Signal::Infidelity => {
                "Repairing after infidelity is among the hardest things a couple can do. A counsellor who knows this work can make it safer and often shorter, for both of you."
            }
            Signal::Fights => {
                "When most talks turn into fights, the way you talk is getting in the way of what you want to say. A counsellor can hold the space so both of you are heard."
            }
            Signal::NotEasing => {
                "Your triggers are as strong as they were two months ago. That isn't a failure; some fear needs more help than a log and a pause can give. Talking to a counsellor, even alone, often helps."
            }
            Signal::OneSided => {
                "Rebuilding needs both people. When only one is adding anything, a counsellor can help you talk about why, without blame."
            }
        }
    }
}

/// A signal set aside for now (sealed; private to its author).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissal {
    /// Which signal.
    pub signal: Signal,
}

/// The first day a report covers.
pub const FROM: crate::Field = crate::Field::new("from", "From");
/// The last day a report covers.
pub const TO: crate::Field = crate::Field::new("to", "To");
/// The longest period a report covers, in days.
pub const MOST_DAYS: i32 = 731;

/// A request for a report for a therapist: the days it covers, on the asker's clock (sealed;
/// shared with the partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRequest {
    /// The first day (YYYY-MM-DD).
    pub from: String,
    /// The last day (YYYY-MM-DD).
    pub to: String,
}

impl ReportRequest {
    /// Validates a period typed in a form or sent to the API: two dates, the first not after
    /// the last, the last not after `today`, at most two years.
    pub fn new(
        from: &str,
        to: &str,
        today: jiff::civil::Date,
    ) -> Result<ReportRequest, crate::InvalidInput> {
        use crate::InvalidInput::Format;
        let first = crate::promises::day(from, FROM)?;
        let last = crate::promises::day(to, TO)?;
        if last > today {
            return Err(Format {
                field: TO,
                rule: "can't be after today: a report holds what has happened.",
            });
        }
        if first > last {
            return Err(Format {
                field: FROM,
                rule: "needs to be on or before the last day.",
            });
        }
        let days = first.until(last).map(|s| s.get_days()).unwrap_or(i32::MAX);
        if days >= MOST_DAYS {
            return Err(Format {
                field: FROM,
                rule: "can be at most two years before the last day.",
            });
        }
        Ok(ReportRequest {
            from: crate::promises::day_str(first),
            to: crate::promises::day_str(last),
        })
    }
}

/// The partner's answer to a request (sealed; shared).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAnswer {
    /// Yes or no.
    pub consent: bool,
}

/// Consent withdrawn (by either; sealed; shared): every link ends with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportWithdrawal {
    /// Who withdrew was the asker.
    pub by_asker: bool,
}

/// One month of one of a person's own indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthValue {
    /// "October 2026".
    pub month: String,
    /// The month's value (a mean, or how many), if it has any.
    pub value: Option<f64>,
    /// How many moments it comes from.
    pub points: u32,
}

/// One of a person's own indicators, month by month over a report's period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicator {
    /// What it is ("How strong triggers were at first").
    pub name: String,
    /// Its unit after a number.
    pub unit: String,
    /// Month by month.
    pub months: Vec<MonthValue>,
}

/// What a partner chose to add of their own to a report (sealed; shared with the other, who
/// reads the report too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportAddition {
    /// The indicators.
    pub indicators: Vec<Indicator>,
}

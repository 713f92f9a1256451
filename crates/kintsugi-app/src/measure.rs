//! What a step gives to the five signs of progress (a leaf: steps import it, it imports no
//! step). Each series is a person's own: their private entries, or facts both made (a promise
//! kept); never a partner's private writing.

/// The five signs that trust is growing, as the program names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Less worry: fewer and milder triggers.
    LessWorry,
    /// More candid talks: feeling heard.
    CandidTalks,
    /// Honesty and consistency: promises kept.
    Honesty,
    /// Closeness: how close one feels.
    Closeness,
    /// Fewer fights about the past.
    FewerFights,
}

impl Sign {
    /// All five, in the order a page shows them.
    pub const ALL: [Sign; 5] = [
        Sign::LessWorry,
        Sign::CandidTalks,
        Sign::Honesty,
        Sign::Closeness,
        Sign::FewerFights,
    ];

    /// Its name.
    pub fn title(self) -> &'static str {
        match self {
            Sign::LessWorry => "Less worry",
            Sign::CandidTalks => "More candid talks",
            Sign::Honesty => "Honesty and consistency",
            Sign::Closeness => "Closeness",
            Sign::FewerFights => "Fewer fights about the past",
        }
    }

    /// What it looks at, in a sentence.
    pub fn about(self) -> &'static str {
        match self {
            Sign::LessWorry => {
                "How often your triggers log has an entry, and how strong they are at first."
            }
            Sign::CandidTalks => "How heard you felt in the talks you rated.",
            Sign::Honesty => {
                "How often the promises between you were kept, as the two of you marked them."
            }
            Sign::Closeness => "How close you said you felt in your check-ins.",
            Sign::FewerFights => "How many of the talks you rated turned into a fight.",
        }
    }
}

/// How a week's points add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// Counted: how many in the week.
    Count,
    /// Averaged over the week's points.
    Mean,
}

/// A series of a person's own moments and values for one sign.
#[derive(Debug, Clone)]
pub struct Series {
    /// The sign it shows.
    pub sign: Sign,
    /// What it is ("Trigger entries").
    pub name: &'static str,
    /// Its unit after a number ("a week", "out of 5", "kept").
    pub unit: &'static str,
    /// How a week adds up.
    pub per: Per,
    /// Whether lower is better (fewer entries, fewer fights).
    pub lower_is_better: bool,
    /// The values a chart spans (0 to 5, 0 to 10, 0 to 1 for a share).
    pub range: (f64, f64),
    /// When (unix seconds) and how much.
    pub points: Vec<(i64, f64)>,
}

/// A kind of shared thing that counts as effort in the mutual-effort view: a fact both can see
/// (a talk proposed, an apology delivered), never a private entry. A record that names a pair
/// (a check-in) counts once both gave theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effort {
    /// Its stored kind.
    pub kind: &'static str,
    /// What it is, in words ("Apologies delivered").
    pub what: &'static str,
}

impl Effort {
    /// A kind of shared thing that counts as effort.
    pub const fn new(kind: &'static str, what: &'static str) -> Effort {
        Effort { kind, what }
    }
}

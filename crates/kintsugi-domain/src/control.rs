//! Step 8, the Control check: a private look at habits that try to make trust by control.
//! Each habit is asked about on a scale of how often, with a kind word on why it tends to hurt
//! trust and what to do instead. The reading is one plain sentence a habit, never a score of
//! the person. Private to its author, always.

use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput};

/// The answers of a check, one field a habit (named by the habit).
pub const HABITS: Field = Field::new("habits", "Your answers");

choices!(
    /// How often, over the last two weeks.
    Often {
        /// Not at all.
        Never => "never", "Not at all";
        /// Once or twice.
        Rarely => "rarely", "Once or twice";
        /// Some days.
        Sometimes => "sometimes", "Some days";
        /// Most days.
        Often => "often", "Most days";
        /// Many times a day.
        Constantly => "constantly", "Many times a day";
    }
);

impl Often {
    /// 0 (not at all) to 4 (many times a day), for the trend.
    pub fn level(self) -> u8 {
        Often::ALL.iter().position(|o| *o == self).unwrap_or(0) as u8
    }
}

choices!(
    /// The habits the check asks about.
    Habit {
        /// Asking for reassurance again and again.
        Reassurance => "reassurance", "Asking for reassurance again and again";
        /// Looking through the partner's phone, messages or accounts.
        Checking => "checking", "Checking their messages, phone or social media";
        /// Setting traps to see if they tell the truth.
        Testing => "testing", "Testing whether they tell the truth";
        /// Using guilt to get one's way.
        Guilt => "guilt", "Using guilt to get my way";
        /// Needing to know where they are at all times.
        Whereabouts => "whereabouts", "Needing to know where they are at all times";
        /// Deciding whom they may see.
        Company => "company", "Deciding whom they may see";
    }
);

/// What a habit is about, in our words: the question, why it tends to hurt trust, and what
/// helps instead.
pub struct About {
    /// The question, as the form asks it.
    pub question: &'static str,
    /// Why it tends to work against trust, kindly.
    pub why: &'static str,
    /// What to try instead.
    pub instead: &'static str,
}

impl Habit {
    /// The question, the reason and the alternative.
    pub fn about(self) -> About {
        match self {
            Habit::Reassurance => About {
                question: "How often did I ask my partner to tell me again that things are fine?",
                why: "Wanting comfort after a hurt is natural. Asked for many times a day, though, reassurance eases the worry for minutes and teaches it to come back sooner, and the one asked can start to feel that nothing they say is enough.",
                instead: "Note the worry in your triggers log first and wait ten minutes. If it is still there, ask once, calmly, and say what would help.",
            },
            Habit::Checking => About {
                question: "How often did I look through my partner's phone, messages or accounts without them offering?",
                why: "Checking promises certainty and rarely gives it: finding nothing doesn't settle the fear for long, and being watched makes openness harder for the one checked.",
                instead: "Agree on what openness you both want (step 4). Transparency offered freely builds trust; transparency taken does not.",
            },
            Habit::Testing => About {
                question: "How often did I ask something I already knew, to see whether my partner would tell the truth?",
                why: "A test turns a conversation into a trap. Even when they pass, both of you learn that talking is being judged.",
                instead: "Say what you know and what worries you, plainly: \"I saw the message from Sam and it scared me. Can we talk about it?\"",
            },
            Habit::Guilt => About {
                question: "How often did I bring up the hurt to win an argument or get my way?",
                why: "The hurt is real and deserves to be talked about. Used as a lever, it keeps the other person paying without moving either of you closer to repair.",
                instead: "Name the hurt for its own sake in a planned talk (step 2), and make a request on its own merits.",
            },
            Habit::Whereabouts => About {
                question: "How often did I need to know exactly where my partner was, and feel uneasy until I did?",
                why: "Knowing where someone is can calm a fear for a while, but it doesn't build the trust that lets you stop needing to know.",
                instead: "Agree on what you both will share (a late train, a change of plan) and notice when that agreement is kept (step 5).",
            },
            Habit::Company => About {
                question: "How often did I tell my partner whom they may or may not see?",
                why: "Limiting someone's friends and family narrows their life, and a narrow life makes a relationship feel like a cage rather than a choice.",
                instead: "Say what worries you about a person and ask what would help you both feel at ease, leaving the choice with them.",
            },
        }
    }

    /// One plain sentence on how often it happened: what the person said, read back kindly.
    pub fn reading(self, often: Often) -> &'static str {
        match often {
            Often::Never => "You didn't notice this habit in the last two weeks.",
            Often::Rarely => "This came up once or twice: worth noticing what set it off.",
            Often::Sometimes => {
                "This happened on some days. The alternative below may help on the next one."
            }
            Often::Often => {
                "This happened on most days. It may be a way fear is trying to protect you; the alternative below is a place to start."
            }
            Often::Constantly => {
                "This happened many times a day. That is tiring for both of you; consider talking it through with a counsellor (step 9), as well as trying the alternative below."
            }
        }
    }
}

/// One check: how often each habit happened over the last two weeks (sealed; private).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Every habit once, in [`Habit::ALL`]'s order.
    pub answers: Vec<(Habit, Often)>,
}

impl Check {
    /// A check from answers by habit; every habit needs an answer.
    pub fn parse(answers: &[(Habit, Often)]) -> Result<Check, InvalidInput> {
        let mut out = Vec::new();
        for habit in Habit::ALL {
            let Some((_, often)) = answers.iter().find(|(h, _)| h == habit) else {
                return Err(InvalidInput::Format {
                    field: HABITS,
                    rule: "need one answer for each habit.",
                });
            };
            out.push((*habit, *often));
        }
        Ok(Check { answers: out })
    }

    /// How often `habit` happened, as answered.
    pub fn of(&self, habit: Habit) -> Option<Often> {
        self.answers
            .iter()
            .find(|(h, _)| *h == habit)
            .map(|(_, o)| *o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_habit_needs_an_answer() {
        let all: Vec<(Habit, Often)> = Habit::ALL.iter().map(|h| (*h, Often::Rarely)).collect();
        let c = Check::parse(&all).expect("valid");
        assert_eq!(c.of(Habit::Company), Some(Often::Rarely));
        assert!(Check::parse(&all[1..]).is_err());
        assert_eq!(Often::Constantly.level(), 4);
        for h in Habit::ALL {
            assert!(h.about().question.ends_with('?'));
        }
    }
}

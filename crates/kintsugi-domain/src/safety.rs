//! The safety check (step 10): a short private screen for abuse and coercive control, in our
//! own words. Validated screens were the reference for *what* to ask; their wording and
//! scoring are not used, and no danger score is computed: a plain rule says whether the
//! answers suggest danger, and the reading gives back what the person told us.

use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput};

/// The answers, one field a question.
pub const ANSWERS: Field = Field::new("answers", "Your answers");

choices!(
    /// How often, from least to most worrying.
    HowOften {
        /// Never.
        Never => "never", "Never";
        /// Once or twice.
        Once => "once", "Once or twice";
        /// Sometimes.
        Sometimes => "sometimes", "Sometimes";
        /// Often.
        Often => "often", "Often";
    }
);

choices!(
    /// What the check asks about.
    Ask {
        /// Being hurt physically.
        Hurt => "hurt", "Has your partner hurt you physically: pushed, grabbed, hit you, or anything like it?";
        /// Being threatened.
        Threatened => "threatened", "Has your partner threatened to hurt you, someone you love, a pet, or themselves?";
        /// Being insulted, put down or screamed at.
        Insulted => "insulted", "Does your partner insult you, put you down or scream at you?";
        /// Being afraid of the partner.
        Afraid => "afraid", "Do you feel afraid of your partner, or of what they might do?";
        /// Money controlled.
        Money => "money", "Does your partner keep you from money you need, or decide alone how you may spend it?";
        /// Contacts controlled.
        Contacts => "contacts", "Does your partner decide whom you may see or talk to, or cut you off from friends or family?";
        /// Phone controlled.
        Phone => "phone", "Does your partner check or control your phone, messages or accounts?";
        /// Movements controlled.
        Movements => "movements", "Does your partner track where you go, or stop you from going out?";
    }
);

impl Ask {
    /// What an answer says, given back in a sentence ("your partner has threatened you").
    pub fn told(self) -> &'static str {
        match self {
            Ask::Hurt => "your partner has hurt you physically",
            Ask::Threatened => {
                "your partner has threatened to hurt you, someone you love, a pet or themselves"
            }
            Ask::Insulted => "your partner insults you, puts you down or screams at you",
            Ask::Afraid => "you feel afraid of your partner",
            Ask::Money => "your partner controls money you need",
            Ask::Contacts => "your partner decides whom you may see or talk to",
            Ask::Phone => "your partner checks or controls your phone, messages or accounts",
            Ask::Movements => "your partner tracks where you go or stops you from going out",
        }
    }

    /// Whether any answer but "never" to it suggests danger on its own.
    fn grave(self) -> bool {
        matches!(self, Ask::Hurt | Ask::Threatened | Ask::Afraid)
    }

    /// Whether it is about control.
    fn control(self) -> bool {
        matches!(
            self,
            Ask::Money | Ask::Contacts | Ask::Phone | Ask::Movements
        )
    }
}

choices!(
    /// What matters most to the person now, for their plan.
    Priority {
        /// Their own safety.
        Safety => "safety", "My own safety";
        /// Children.
        Children => "children", "My children";
        /// Staying for now.
        Staying => "staying", "Staying for now";
        /// Leaving.
        Leaving => "leaving", "Leaving, or thinking about it";
        /// Privacy of devices and accounts.
        Privacy => "privacy", "Keeping my phone and accounts private";
        /// Money.
        Money => "money", "Money of my own";
        /// A pet.
        Pet => "pet", "A pet";
    }
);

impl Priority {
    /// A few steps of a plan that fit this priority, in our words: never a verdict on whether
    /// to stay or leave.
    pub fn plan(self) -> &'static [&'static str] {
        match self {
            Priority::Safety => &[
                "Think of one place you could go at short notice, and how you would get there.",
                "Choose someone you trust, and agree on a word or a message that means \"please call for help\".",
                "Keep your phone charged and near you, and know your local emergency number by heart.",
            ],
            Priority::Children => &[
                "Children can learn how and when to call the emergency number, and a safe neighbour or room to go to.",
                "A helpline can talk through what to do for children specifically; you don't have to work it out alone.",
            ],
            Priority::Staying => &[
                "Staying for now is your choice to make. Notice what tends to come before danger, and where you could get out quickly.",
                "In an argument, try to stay in a room with a way out, away from the kitchen and anywhere with things that could hurt.",
                "Keep the helpline numbers somewhere your partner won't look.",
            ],
            Priority::Leaving => &[
                "Leaving can be the most dangerous time. A helpline can help you plan it safely, in confidence.",
                "If you can, keep copies of important documents, some money and spare keys with someone you trust.",
            ],
            Priority::Privacy => &[
                "Someone who knows your passwords, has held your phone, or runs this server may be able to see what you do. Use a device they can't reach when you can.",
                "Check your phone for location sharing and apps you didn't install, and change passwords from a safe device.",
            ],
            Priority::Money => &[
                "If you can, keep a little money and a bank card somewhere safe, or with someone you trust.",
                "Many banks and advice services help people whose money is controlled by a partner; a helpline can point you to one.",
            ],
            Priority::Pet => &[
                "Many refuges and helplines know of places that can look after a pet while you are safe.",
                "Keep your pet's records and a lead or carrier where you could take them quickly.",
            ],
        }
    }
}

/// What the person told us, as they keep it (sealed in their locker, only if they chose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Every question once, in [`Ask::ALL`]'s order.
    pub answers: Vec<(Ask, HowOften)>,
    /// What matters most to them now (any number).
    #[serde(default)]
    pub priorities: Vec<Priority>,
}

impl Check {
    /// A check from answers by question (every question answered) and priorities.
    pub fn parse(
        answers: &[(Ask, HowOften)],
        priorities: &[Priority],
    ) -> Result<Check, InvalidInput> {
        let mut out = Vec::new();
        for ask in Ask::ALL {
            let Some((_, often)) = answers.iter().find(|(a, _)| a == ask) else {
                return Err(InvalidInput::Format {
                    field: ANSWERS,
                    rule: "need one answer for each question.",
                });
            };
            out.push((*ask, *often));
        }
        let mut priorities = priorities.to_vec();
        priorities.sort_by_key(|p| Priority::ALL.iter().position(|x| x == p));
        priorities.dedup();
        Ok(Check {
            answers: out,
            priorities,
        })
    }

    /// Whether the answers suggest danger: any hurt, threat or fear at all; or screaming and
    /// put-downs often; or two or more kinds of control at least sometimes. A rule, not a score.
    pub fn danger(&self) -> bool {
        let at_least = |a: &HowOften, b: HowOften| a.index() >= b.index();
        let grave = self
            .answers
            .iter()
            .any(|(ask, o)| ask.grave() && *o != HowOften::Never);
        let insults = self
            .answers
            .iter()
            .any(|(ask, o)| *ask == Ask::Insulted && *o == HowOften::Often);
        let control = self
            .answers
            .iter()
            .filter(|(ask, o)| ask.control() && at_least(o, HowOften::Sometimes))
            .count();
        grave || insults || control >= 2
    }

    /// What they told us, a sentence each, for every answer but "never".
    pub fn told(&self) -> Vec<String> {
        self.answers
            .iter()
            .filter(|(_, o)| *o != HowOften::Never)
            .map(|(ask, o)| format!("{} ({}).", capital(ask.told()), o.label().to_lowercase()))
            .collect()
    }
}

impl HowOften {
    fn index(self) -> usize {
        HowOften::ALL.iter().position(|x| *x == self).unwrap_or(0)
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(o: HowOften) -> Vec<(Ask, HowOften)> {
        Ask::ALL.iter().map(|a| (*a, o)).collect()
    }

    #[test]
    fn danger_is_a_rule_over_the_answers_not_a_score() {
        let calm = Check::parse(&all(HowOften::Never), &[]).expect("valid");
        assert!(!calm.danger() && calm.told().is_empty());
        let mut once_afraid = all(HowOften::Never);
        once_afraid[3].1 = HowOften::Once;
        let c = Check::parse(&once_afraid, &[Priority::Pet, Priority::Safety]).expect("valid");
        assert!(c.danger());
        assert_eq!(
            c.told(),
            ["You feel afraid of your partner (once or twice)."]
        );
        assert_eq!(c.priorities, [Priority::Safety, Priority::Pet]);
        let mut controlled = all(HowOften::Never);
        controlled[4].1 = HowOften::Sometimes;
        assert!(!Check::parse(&controlled, &[]).expect("valid").danger());
        controlled[6].1 = HowOften::Often;
        assert!(Check::parse(&controlled, &[]).expect("valid").danger());
        assert!(Check::parse(&all(HowOften::Never)[1..], &[]).is_err());
        for p in Priority::ALL {
            assert!(!p.plan().is_empty());
        }
    }
}

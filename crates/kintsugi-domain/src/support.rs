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

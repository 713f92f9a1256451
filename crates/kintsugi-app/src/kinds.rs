//! The kinds of record, by step: one name each, stored with the record and bound into its seal.

/// Every kind of record, by step. The stored names never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// Roots: the origins checklist (one per person).
    RootsChecklist,
    /// Roots: a journal entry.
    Reflection,
    /// Roots: a partner's few words back on a shared entry.
    Acknowledgement,
    /// Talk: a proposal.
    Talk,
    /// Talk: an answer to the time on the table.
    TalkReply,
    /// Talk: a break.
    TalkPause,
    /// Talk: the private after-talk rating.
    TalkReflection,
    /// Agreements: an agreement as first proposed.
    Agreement,
    /// Agreements: a change, an acceptance or a retirement.
    AgreementStep,
    /// Triggers: a private log entry.
    TriggerEntry,
    /// Triggers: a request for reassurance to the partner.
    ReassuranceRequest,
    /// Triggers: the partner's answer to a request.
    ReassuranceAnswer,
    /// Apology: a draft or a delivered apology.
    Apology,
    /// Apology: the author's private value line.
    ApologyValue,
    /// Apology: the receiver's answer.
    ApologyResponse,
    /// A promise (step 5; also made from an apology's commitment).
    Promise,
    /// Promises: a mark on one occurrence (done, or kept or missed).
    PromiseMark,
    /// Apology: a question in the thread.
    Question,
    /// Apology: one version of an answer.
    Answer,
}

impl RecordKind {
    /// The name stored with the record (and bound into its seal).
    pub const fn as_str(self) -> &'static str {
        match self {
            RecordKind::RootsChecklist => "roots_checklist",
            RecordKind::Reflection => "reflection",
            RecordKind::Acknowledgement => "acknowledgement",
            RecordKind::Talk => "talk",
            RecordKind::TalkReply => "talk_reply",
            RecordKind::TalkPause => "talk_pause",
            RecordKind::TalkReflection => "talk_reflection",
            RecordKind::Agreement => "agreement",
            RecordKind::AgreementStep => "agreement_step",
            RecordKind::TriggerEntry => "trigger_entry",
            RecordKind::ReassuranceRequest => "reassurance_request",
            RecordKind::ReassuranceAnswer => "reassurance_answer",
            RecordKind::Apology => "apology",
            RecordKind::ApologyValue => "apology_value",
            RecordKind::ApologyResponse => "apology_response",
            RecordKind::Promise => "promise",
            RecordKind::PromiseMark => "promise_mark",
            RecordKind::Question => "question",
            RecordKind::Answer => "answer",
        }
    }
}

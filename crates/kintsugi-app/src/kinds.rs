//! The kinds of record: a name stored with each record and bound into its seal. Each step
//! names its own kinds beside its body types (`record_kinds!`); the registry lists them, and a
//! test there proves no two steps share a name. Stored names never change.

/// A kind of record, by its stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordKind(&'static str);

impl RecordKind {
    /// A kind by its stored name (what `record_kinds!` writes for a step).
    pub const fn named(name: &'static str) -> RecordKind {
        RecordKind(name)
    }

    /// The name stored with the record (and bound into its seal).
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

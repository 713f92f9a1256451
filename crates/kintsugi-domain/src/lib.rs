//! Kintsugi's domain: values parsed once at the boundary, and the one authorization rule.
//!
//! Nothing here does I/O. A value of a type from this crate has already been validated, so the
//! rest of the code trusts it.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A closed set of choices with a form name and a label for each.
macro_rules! choices {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $key:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every choice, in the order forms show them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The form and API name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// What a person reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses a form or API name.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

pub mod access;
pub mod agreements;
pub mod apology;
pub mod closeness;
pub mod control;
pub mod health;
pub mod promises;
pub mod reminders;
pub mod roots;
pub mod safety;
pub mod support;
pub mod talk;
pub mod triggers;
pub mod when;

pub use access::{Reader, RecordMeta, Viewer, can_read};
pub use when::Zone;

/// A value a person types: its name in forms and JSON (what errors are keyed by), and what a
/// person calls it (what messages say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The form and JSON name: `what_i_did`.
    pub name: &'static str,
    /// What a person calls it: "What I did".
    pub label: &'static str,
}

impl Field {
    /// A field named `name` that people call `label`.
    pub const fn new(name: &'static str, label: &'static str) -> Field {
        Field { name, label }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label)
    }
}

/// The fields of the accounts and pairing forms.
pub mod fields {
    use super::Field;

    /// The username.
    pub const USERNAME: Field = Field::new("username", "Username");
    /// The name a partner sees.
    pub const DISPLAY_NAME: Field = Field::new("display_name", "Display name");
    /// A new password.
    pub const PASSWORD: Field = Field::new("password", "Password");
    /// The password now, to change it.
    pub const CURRENT_PASSWORD: Field = Field::new("current_password", "Current password");
    /// An invite code.
    pub const INVITE_CODE: Field = Field::new("code", "Invite code");
    /// Where a page of a list starts.
    pub const AFTER: Field = Field::new("after", "The page asked for");
    /// How many items a page holds.
    pub const LIMIT: Field = Field::new("limit", "The number of items per page");
}

/// Why a value from outside was refused; the message is written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidInput {
    /// A required field is empty.
    #[error("{field} is required.")]
    Empty {
        /// The field.
        field: Field,
    },
    /// Too long.
    #[error("{field} can be at most {max} characters.")]
    TooLong {
        /// The field.
        field: Field,
        /// The limit in characters.
        max: usize,
    },
    /// Too short.
    #[error("{field} needs at least {min} characters.")]
    TooShort {
        /// The field.
        field: Field,
        /// The minimum in characters.
        min: usize,
    },
    /// Characters that are not allowed.
    #[error("{field} {rule}")]
    Format {
        /// The field.
        field: Field,
        /// What is allowed, as a sentence fragment.
        rule: &'static str,
    },
    /// A password that is easy to guess.
    #[error("This password is too easy to guess. {hint}")]
    WeakPassword {
        /// What would help.
        hint: String,
    },
}

impl InvalidInput {
    /// The field this error belongs to (for showing it next to the field, and naming it in
    /// the API's error).
    pub fn field(&self) -> Field {
        match self {
            InvalidInput::Empty { field }
            | InvalidInput::TooLong { field, .. }
            | InvalidInput::TooShort { field, .. }
            | InvalidInput::Format { field, .. } => *field,
            InvalidInput::WeakPassword { .. } => fields::PASSWORD,
        }
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl $name {
            /// The id written as text (a UUID), or `None`.
            pub fn parse(s: &str) -> Option<Self> {
                Uuid::parse_str(s).ok().map(Self)
            }
        }
    };
}

id_type!(
    /// A person's account.
    UserId
);
id_type!(
    /// A couple: two accounts, from pairing until one leaves.
    CoupleId
);
id_type!(
    /// One piece of a person's writing.
    RecordId
);
id_type!(
    /// A signed-in session (browser or API client).
    SessionId
);

/// Who may see a record besides its author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only the author.
    #[default]
    Private,
    /// The author and the partner, while they are a couple.
    Shared,
}

impl Visibility {
    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Shared => "shared",
        }
    }

    /// Parses the stored and API name.
    pub fn parse(s: &str) -> Option<Visibility> {
        match s {
            "private" => Some(Visibility::Private),
            "shared" => Some(Visibility::Shared),
            _ => None,
        }
    }
}

fn check_len(field: Field, s: &str, min: usize, max: usize) -> Result<(), InvalidInput> {
    let n = s.chars().count();
    if n == 0 {
        return Err(InvalidInput::Empty { field });
    }
    if n < min {
        return Err(InvalidInput::TooShort { field, min });
    }
    if n > max {
        return Err(InvalidInput::TooLong { field, max });
    }
    Ok(())
}

/// A username: 3–32 characters of lower-case letters, digits, dots, dashes and underscores.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    /// Parses what a person typed (case and surrounding spaces do not matter).
    pub fn parse(s: &str) -> Result<Username, InvalidInput> {
        let s = s.trim().to_lowercase();
        check_len(fields::USERNAME, &s, 3, 32)?;
        if !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        {
            return Err(InvalidInput::Format {
                field: fields::USERNAME,
                rule: "can use letters a–z, digits, dots, dashes and underscores.",
            });
        }
        Ok(Username(s))
    }

    /// The username.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name a partner sees: 1–60 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Parses what a person typed.
    pub fn parse(s: &str) -> Result<DisplayName, InvalidInput> {
        let s = s.trim();
        check_len(fields::DISPLAY_NAME, s, 1, 60)?;
        if s.chars().any(char::is_control) {
            return Err(InvalidInput::Format {
                field: fields::DISPLAY_NAME,
                rule: "can't contain control characters.",
            });
        }
        Ok(DisplayName(s.to_string()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that follows NIST SP 800-63B: at least 10 characters, any characters, not
/// easy to guess. The text is kept only as long as hashing needs it.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<hidden>)")
    }
}

/// Passwords longer than this are refused (argon2 would still work; this bounds the work).
pub const PASSWORD_MAX_CHARS: usize = 256;

impl NewPassword {
    /// Checks length and strength; `context` holds the username and display name, which a
    /// strong password should not lean on.
    pub fn parse(s: &str, context: &[&str]) -> Result<NewPassword, InvalidInput> {
        let n = s.chars().count();
        if n == 0 {
            return Err(InvalidInput::Empty {
                field: fields::PASSWORD,
            });
        }
        if n < 10 {
            return Err(InvalidInput::TooShort {
                field: fields::PASSWORD,
                min: 10,
            });
        }
        if n > PASSWORD_MAX_CHARS {
            return Err(InvalidInput::TooLong {
                field: fields::PASSWORD,
                max: PASSWORD_MAX_CHARS,
            });
        }
        let estimate = zxcvbn::zxcvbn(s, context);
        if (estimate.score() as u8) < 3 {
            let hint = estimate
                .feedback()
                .and_then(|f| f.suggestions().first().map(|s| s.to_string()))
                .unwrap_or_else(|| "Try a few unrelated words together.".to_string());
            return Err(InvalidInput::WeakPassword { hint });
        }
        Ok(NewPassword(s.to_string()))
    }

    /// The password text, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Free text a person writes, bounded in characters and free of NUL and other control
/// characters except line breaks and tabs.
pub fn parse_text(field: Field, s: &str, max: usize) -> Result<String, InvalidInput> {
    let t = s.trim();
    check_len(field, t, 1, max)?;
    if t.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(InvalidInput::Format {
            field,
            rule: "can't contain control characters.",
        });
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: Field = Field::new("note", "Note");

    #[test]
    fn usernames_are_normalized_and_bounded() {
        assert_eq!(
            Username::parse("  Alex_R ").map(|u| u.0),
            Ok("alex_r".to_string())
        );
        assert!(matches!(
            Username::parse("al"),
            Err(InvalidInput::TooShort { .. })
        ));
        assert!(matches!(
            Username::parse("alex r"),
            Err(InvalidInput::Format { .. })
        ));
        assert!(matches!(
            Username::parse(&"a".repeat(33)),
            Err(InvalidInput::TooLong { .. })
        ));
    }

    #[test]
    fn display_names_refuse_control_characters() {
        assert!(DisplayName::parse("Sam").is_ok());
        assert!(DisplayName::parse("Sam\u{0}").is_err());
        assert!(matches!(
            DisplayName::parse("   "),
            Err(InvalidInput::Empty { .. })
        ));
    }

    #[test]
    fn passwords_follow_nist_length_and_refuse_the_guessable() {
        assert!(matches!(
            NewPassword::parse("short", &[]),
            Err(InvalidInput::TooShort { .. })
        ));
        assert!(matches!(
            NewPassword::parse("password123", &[]),
            Err(InvalidInput::WeakPassword { .. })
        ));
        assert!(matches!(
            NewPassword::parse("samantha1990", &["samantha1990"]),
            Err(InvalidInput::WeakPassword { .. })
        ));
        assert!(NewPassword::parse("river lantern quietly ninety", &[]).is_ok());
        assert!(NewPassword::parse("ключ от старого сада весной", &[]).is_ok());
    }

    #[test]
    fn text_is_trimmed_bounded_and_clean() {
        assert_eq!(parse_text(NOTE, "  hi \n", 10), Ok("hi".to_string()));
        assert!(matches!(
            parse_text(NOTE, "", 10),
            Err(InvalidInput::Empty { .. })
        ));
        assert!(matches!(
            parse_text(NOTE, &"é".repeat(11), 10),
            Err(InvalidInput::TooLong { .. })
        ));
        assert!(parse_text(NOTE, "a\u{7}b", 10).is_err());
    }
}

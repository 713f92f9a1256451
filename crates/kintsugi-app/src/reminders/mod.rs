//! Reminders that respect people: which kinds each person wants, when the day's reminders come,
//! quiet hours, e-mail to an address they confirmed (off unless they turn it on), and a private
//! calendar feed. The kinds come from the registry: what each step says falls due, what it
//! offers once a day, and the inbox. A reminder only points at the inbox; it never says what
//! waits or whose it is.
//!
//! [`plan`] turns everyone's choices and what falls due for them into jobs, without anyone's
//! key: times, kinds and links, never words.

pub mod plan;

use kintsugi_domain::Zone;
use kintsugi_domain::reminders::{self as rules, Quiet};
use kintsugi_store::{ReminderChoice, StoreError};
use serde::{Deserialize, Serialize};

use crate::steps::STEPS;
use crate::{Actor, Result};

/// The field of the kinds turned on.
pub const KINDS: kintsugi_domain::Field = kintsugi_domain::Field::new("kinds", "Reminders");

/// The kind for things waiting in the inbox.
pub const INBOX: &str = "inbox";

/// The daily reminders' time until a person chooses (19:00).
pub const DEFAULT_DAILY_AT: i64 = 19 * 60;
/// Quiet hours until a person chooses: 22:00 to 08:00.
pub const DEFAULT_QUIET: (i64, i64) = (22 * 60, 8 * 60);

/// A kind of reminder a person can turn on or off.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindView {
    /// Its name (`talk`, `promise`, `checkin`, `inbox`…).
    pub kind: &'static str,
    /// In words.
    pub label: &'static str,
    /// Whether it comes once a day at the person's time (otherwise: when it falls due).
    pub daily: bool,
}

/// Every kind of reminder: what the steps say falls due, what they offer once a day, and the
/// inbox.
pub fn kinds() -> Vec<KindView> {
    let mut out: Vec<KindView> = Vec::new();
    for step in STEPS {
        for f in step.falls {
            out.push(KindView {
                kind: f.kind,
                label: f.what,
                daily: false,
            });
        }
        if let Some(d) = step.daily {
            out.push(KindView {
                kind: d.kind,
                label: d.what,
                daily: true,
            });
        }
    }
    out.push(KindView {
        kind: INBOX,
        label: "Something new waiting for you",
        daily: false,
    });
    out
}

/// Quiet hours as a form or the API sends them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuietHours {
    /// From (`HH:MM`, 24-hour, on your clock).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub from: String,
    /// Until (`HH:MM`; earlier than `from` crosses midnight; not the same as `from`).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub to: String,
}

/// How the calendar names things.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Titles {
    /// "Appointment": a phone's calendar is seen by others.
    Neutral,
    /// "Talk with Sam".
    Plain,
}

/// The person's e-mail, as they see it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailView {
    /// Whether this server sends e-mail at all.
    pub available: bool,
    /// Whether reminders go by e-mail.
    pub on: bool,
    /// The address they confirmed.
    pub address: Option<String>,
    /// An address waiting for its confirmation link to be opened.
    pub waiting: Option<String>,
}

/// A person's reminders.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemindersView {
    /// The kinds that are on.
    pub kinds: Vec<String>,
    /// Every kind there is.
    pub choices: Vec<KindView>,
    /// When the day's reminders come (`HH:MM` on your clock).
    pub daily_at: String,
    /// Quiet hours, when no e-mail comes (none: any time).
    pub quiet_hours: Option<QuietHours>,
    /// Your time zone (every time here is on its clock).
    pub time_zone: String,
    /// E-mail.
    pub email: EmailView,
    /// How your calendar feed names things.
    pub calendar_titles: Titles,
    /// Whether you have a calendar feed.
    pub calendar: bool,
    /// Send it back with a change: a change made elsewhere since is not overwritten.
    pub version: i64,
}

/// A change to a person's reminders.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema,),
    schema(example = json!({"kinds": ["talk", "promise", "inbox"], "daily_at": "19:00", "quiet_hours": {"from": "22:00", "to": "08:00"}, "time_zone": "Europe/London", "email": false, "calendar_titles": "neutral", "version": 0})))]
pub struct NewReminders {
    /// The kinds to turn on (the rest are off).
    pub kinds: Vec<String>,
    /// When the day's reminders come (`HH:MM`).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub daily_at: String,
    /// Quiet hours (null: none).
    pub quiet_hours: Option<QuietHours>,
    /// Your time zone (an IANA name; unchanged when left out).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Reminders by e-mail (needs a confirmed address).
    pub email: bool,
    /// How your calendar feed names things.
    pub calendar_titles: Titles,
    /// The version you read.
    pub version: i64,
}

/// A stored choice with the defaults filled in for someone who never chose (the store keeps
/// a negative time of day until then; the e-mail switch and titles are kept as stored).
pub fn effective(c: &ReminderChoice) -> ReminderChoice {
    if c.daily_at >= 0 {
        return c.clone();
    }
    ReminderChoice {
        kinds: kinds()
            .into_iter()
            .filter(|k| !k.daily)
            .map(|k| k.kind.to_string())
            .collect(),
        daily_at: DEFAULT_DAILY_AT,
        quiet: Some(DEFAULT_QUIET),
        email_on: c.email_on,
        calendar_plain: c.calendar_plain,
    }
}

/// What the person chose (or the defaults), with `mail` saying whether this server sends
/// e-mail.
pub async fn view(actor: &Actor, mail: bool) -> Result<RemindersView> {
    let s = actor.store.reminder_settings(actor.user).await?;
    let c = effective(&s.choice);
    Ok(RemindersView {
        kinds: c.kinds.clone(),
        choices: kinds(),
        daily_at: rules::show_time(c.daily_at),
        quiet_hours: c.quiet.map(|(from, to)| QuietHours {
            from: rules::show_time(from),
            to: rules::show_time(to),
        }),
        time_zone: s.time_zone.clone(),
        email: EmailView {
            available: mail,
            on: c.email_on && s.email.is_some(),
            address: s.email.clone(),
            waiting: s.email_pending.as_ref().map(|(a, _)| a.clone()),
        },
        calendar_titles: if c.calendar_plain {
            Titles::Plain
        } else {
            Titles::Neutral
        },
        calendar: s.calendar_sealed.is_some(),
        version: s.version,
    })
}

/// What reminders refuse.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// E-mail on without a confirmed address.
    #[error(
        "Add an e-mail address and open the link we send to it first; then e-mail reminders can be turned on."
    )]
    NoAddress,
    /// This server sends no e-mail.
    #[error(
        "This server doesn't send e-mail (whoever runs it hasn't set it up), so reminders can't come by e-mail here."
    )]
    NoMail,
}

crate::error::refusals!(Refusal);

/// Stores a change to the person's reminders, only over the version they read.
pub async fn choose(actor: &Actor, new: &NewReminders, mail: bool) -> Result<RemindersView> {
    let known = kinds();
    let mut chosen: Vec<String> = Vec::new();
    for k in &new.kinds {
        let Some(kind) = known.iter().find(|x| x.kind == k.as_str()) else {
            return Err(kintsugi_domain::InvalidInput::Format {
                field: KINDS,
                rule: "names a reminder there isn't; the kinds there are are listed under choices.",
            }
            .into());
        };
        if !chosen.iter().any(|c| c == kind.kind) {
            chosen.push(kind.kind.to_string());
        }
    }
    let daily_at = rules::clock_time(&new.daily_at, rules::DAILY_AT)?;
    let quiet = match &new.quiet_hours {
        Some(q) => {
            let q = Quiet::parse(&q.from, &q.to)?;
            Some((q.from, q.to))
        }
        None => None,
    };
    let zone = match &new.time_zone {
        Some(z) => Some(Zone::parse(z)?),
        None => None,
    };
    if new.email && !mail {
        return Err(Refusal::NoMail.into());
    }
    let choice = ReminderChoice {
        kinds: chosen,
        daily_at,
        quiet,
        email_on: new.email,
        calendar_plain: new.calendar_titles == Titles::Plain,
    };
    let zone_name = zone.as_ref().map(Zone::name);
    match actor
        .store
        .choose_reminders(actor.user, &choice, zone_name, new.version)
        .await
    {
        Err(StoreError::State(_)) => return Err(Refusal::NoAddress.into()),
        other => other?,
    };
    tracing::info!(user = %actor.user, "reminders changed");
    view(actor, mail).await
}

/// Turns e-mail off for the person (after a safety check that suggests danger: nothing else
/// is stored about why).
pub async fn email_off(actor: &Actor) -> Result<()> {
    actor.store.email_off(actor.user).await?;
    Ok(())
}

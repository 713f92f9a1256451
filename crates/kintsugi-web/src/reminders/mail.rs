//! E-mail, when whoever runs the server configures SMTP: discreet by design. A reminder says
//! only that something is waiting, with a link; never a name, a step or anyone's words. Every
//! e-mail carries the link that turns e-mail off (also as `List-Unsubscribe`, one click).

use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};

/// How long one delivery may take before it counts as failed (and is tried again later).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// The server's way out to e-mail.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mailer(from {})", self.from)
    }
}

impl Mailer {
    /// A mailer for `url` (`smtp://host:port` for a plain server on this machine;
    /// `smtps://user:password@host` for TLS, `smtp://…?tls=required` for STARTTLS), sending
    /// from `from`.
    /// Call it inside the async runtime (its pool of connections runs there).
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let from = Mailer::check(url, from)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("the SMTP address doesn't read ({e})"))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        Ok(Mailer { transport, from })
    }

    /// Whether `url` and `from` read (without connecting or starting anything); the sender.
    pub fn check(url: &str, from: &str) -> Result<Mailbox, String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("the SMTP address doesn't read ({e})"))?;
        from.parse()
            .map_err(|_| format!("the sender {from:?} isn't an e-mail address"))
    }

    /// Sends one e-mail; on failure, why, in words that carry no address or content.
    pub async fn send(&self, e: Email) -> Result<(), String> {
        let to: Mailbox =
            e.to.parse()
                .map_err(|_| "the address no longer reads".to_string())?;
        let mut b = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(e.subject)
            .message_id(Some(e.message_id));
        if let Some(off) = &e.off {
            b = b
                .raw_header(lettre::message::header::HeaderValue::new(
                    lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{off}>"),
                ))
                .raw_header(lettre::message::header::HeaderValue::new(
                    lettre::message::header::HeaderName::new_from_ascii_str(
                        "List-Unsubscribe-Post",
                    ),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        let message = b
            .header(ContentType::TEXT_PLAIN)
            .body(e.body)
            .map_err(|_| "the e-mail couldn't be put together".to_string())?;
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) => Err(why(&err)),
            Err(_) => Err("the mail server took too long".into()),
        }
    }
}

/// Why a delivery failed, without the server's own words (which may quote an address).
fn why(e: &lettre::transport::smtp::Error) -> String {
    match e.status() {
        Some(code) => format!("the mail server refused it ({code})"),
        None if e.is_timeout() => "the mail server took too long".into(),
        None => "the mail server couldn't be reached".into(),
    }
}

/// One e-mail to send.
#[derive(Debug, Clone)]
pub struct Email {
    /// To.
    pub to: String,
    /// Its subject.
    pub subject: String,
    /// Its text.
    pub body: String,
    /// Its `Message-ID` (the job's, so a retry is the same message).
    pub message_id: String,
    /// The link that turns e-mail off, if this e-mail is a reminder.
    pub off: Option<String>,
}

/// A reminder: something is waiting; nothing else.
pub fn reminder(to: String, home: &str, off: &str, message_id: String) -> Email {
    Email {
        to,
        subject: "Something is waiting for you in Kintsugi".into(),
        body: format!(
            "Something is waiting for you in Kintsugi.\r\n\r\n{home}\r\n\r\n\
             You chose to get these reminders. You can change which ones come, and when, in \
             Account.\r\nTo stop all of these e-mails with one click: {off}\r\n"
        ),
        message_id,
        off: Some(off.to_string()),
    }
}

/// The link that confirms an address.
pub fn confirmation(to: String, link: &str, message_id: String) -> Email {
    Email {
        to,
        subject: "Confirm your address for Kintsugi".into(),
        body: format!(
            "Someone (we hope you) asked for reminders from Kintsugi at this address.\r\n\r\n\
             To confirm it, open this link within a day:\r\n{link}\r\n\r\n\
             If it wasn't you, you don't need to do anything: nothing more will come.\r\n"
        ),
        message_id,
        off: None,
    }
}

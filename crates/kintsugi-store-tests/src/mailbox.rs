//! A real SMTP server on loopback for tests (`mailin-embedded`): it keeps every message it
//! accepts, and can be told to refuse, so a test reads what was sent, to whom, and how often.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::response::{INTERNAL_ERROR, OK};
use mailin_embedded::{Handler, Response, Server};

/// One message as the server accepted it.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope's recipients.
    pub to: Vec<String>,
    /// The message as sent (headers, a blank line, the text).
    pub data: String,
}

impl Mail {
    /// A header's value (the first with that name, unfolded).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    /// The text after the headers, with quoted-printable soft breaks undone.
    pub fn text(&self) -> String {
        let body = self.data.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        body.replace("=\r\n", "").replace("=3D", "=")
    }
}

#[derive(Default)]
struct Inbox {
    mails: Vec<Mail>,
    refusing: bool,
}

#[derive(Clone)]
struct Keeper {
    inbox: Arc<Mutex<Inbox>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Keeper {
    fn rcpt(&mut self, _to: &str) -> Response {
        let inbox = self.inbox.lock().unwrap_or_else(|p| p.into_inner());
        if inbox.refusing { INTERNAL_ERROR } else { OK }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mut inbox = self.inbox.lock().unwrap_or_else(|p| p.into_inner());
        inbox.mails.push(Mail {
            to: std::mem::take(&mut self.to),
            data: String::from_utf8_lossy(&self.data).into_owned(),
        });
        OK
    }
}

/// The server and what it received.
#[derive(Clone)]
pub struct Mailbox {
    /// Where it listens.
    pub addr: SocketAddr,
    inbox: Arc<Mutex<Inbox>>,
}

impl Mailbox {
    /// Starts a server on a free loopback port (it runs until the test process ends).
    pub fn start() -> Mailbox {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let inbox = Arc::new(Mutex::new(Inbox::default()));
        let keeper = Keeper {
            inbox: inbox.clone(),
            to: Vec::new(),
            data: Vec::new(),
        };
        std::thread::spawn(move || {
            let mut server = Server::new(keeper);
            server
                .with_name("mailbox.test")
                .with_num_threads(16)
                .with_tcp_listener(listener);
            let _ = server.serve();
        });
        Mailbox { addr, inbox }
    }

    /// The `smtp://` address of it.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Everything accepted so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.inbox
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .mails
            .clone()
    }

    /// Refuses every message from now (a mail server in trouble), or accepts them again.
    pub fn refuse(&self, refusing: bool) {
        self.inbox
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .refusing = refusing;
    }

    /// Waits (at most `limit`) until at least `n` messages arrived; what arrived.
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Vec<Mail> {
        let until = std::time::Instant::now() + limit;
        loop {
            let mails = self.mails();
            if mails.len() >= n || std::time::Instant::now() > until {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

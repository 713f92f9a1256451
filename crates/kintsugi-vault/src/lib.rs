//! Kintsugi's key hierarchy: private writing is sealed so that neither a stolen database nor the
//! person running the server can read it.
//!
//! - Each user has a random [`Key`] (the data key). Private text is [`seal`]ed with it
//!   (XChaCha20-Poly1305), with the record's id, kind and owner bound as associated data so a
//!   ciphertext cannot be moved to another record.
//! - The data key is stored only wrapped: by a key derived from the password (argon2id), by a
//!   recovery key shown once at sign-up, and by each session's secret (held in the cookie or API
//!   token, never in the database). The database alone cannot decrypt anything.
//! - A couple shares a second [`Key`], wrapped by each partner's data key; it is handed from the
//!   inviter to the partner through the invite code.
//!
//! Key types zero themselves on drop and cannot be cloned, printed or serialized.

use argon2::{Algorithm, Argon2, Params, PasswordVerifier, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use zeroize::{Zeroize, Zeroizing};

/// What can go wrong with keys and sealed text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    /// The key is wrong or the ciphertext was altered or moved.
    #[error("the sealed data could not be opened with this key")]
    CannotOpen,
    /// A malformed stored value.
    #[error("a stored key or hash is malformed")]
    Malformed,
}

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;
/// One of OWASP's equivalent argon2id settings (7 MiB, five passes, one lane). It costs the same
/// work as 19 MiB with two passes but keeps a server's memory small when many people sign in.
/// Password-derived keys use these values too: changing them needs a versioned key derivation.
const ARGON_M_KIB: u32 = 7_168;
const ARGON_T: u32 = 5;

/// 32 secret bytes: zeroed on drop, printed as `<hidden>`, never cloned.
struct Secret(Zeroizing<[u8; KEY_LEN]>);

impl Secret {
    fn bytes(&self) -> &[u8] {
        self.0.as_slice()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<hidden>")
    }
}

impl From<[u8; KEY_LEN]> for Secret {
    fn from(bytes: [u8; KEY_LEN]) -> Secret {
        Secret(Zeroizing::new(bytes))
    }
}

/// A 256-bit symmetric key (a user's data key or a couple's key).
#[derive(Debug)]
pub struct Key(Secret);

impl Key {
    /// A fresh random key.
    pub fn generate() -> Key {
        Key(random_bytes().into())
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new_from_slice(self.0.bytes())
            .expect("a 32-byte key is a valid XChaCha20 key")
    }

    /// Seals `plaintext` with `aad` bound; output is nonce || ciphertext.
    fn seal_bytes(&self, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let ct = self
            .cipher()
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .expect("XChaCha20-Poly1305 encryption cannot fail for in-memory buffers");
        let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        out
    }

    fn open_bytes(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        if sealed.len() < NONCE_LEN {
            return Err(VaultError::CannotOpen);
        }
        let (nonce, ct) = sealed.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| VaultError::CannotOpen)?;
        self.cipher()
            .decrypt(&XNonce::from(nonce), Payload { msg: ct, aad })
            .map(Zeroizing::new)
            .map_err(|_| VaultError::CannotOpen)
    }

    /// Wraps another key under this one, for the stated purpose.
    pub fn wrap(&self, key: &Key, purpose: &str) -> Vec<u8> {
        self.seal_bytes(purpose.as_bytes(), key.0.bytes())
    }

    /// Unwraps a key wrapped by [`Key::wrap`] for the same purpose.
    pub fn unwrap_key(&self, wrapped: &[u8], purpose: &str) -> Result<Key, VaultError> {
        let bytes = self.open_bytes(purpose.as_bytes(), wrapped)?;
        let arr: [u8; KEY_LEN] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| VaultError::Malformed)?;
        Ok(Key(arr.into()))
    }

    /// Derives a key from a high-entropy secret (a session token or a recovery key) with HKDF.
    pub fn from_secret(secret: &[u8], purpose: &str) -> Key {
        let hk = hkdf::Hkdf::<Sha256>::new(Some(b"kintsugi/v1"), secret);
        let mut k = Secret(Zeroizing::new([0u8; KEY_LEN]));
        hk.expand(purpose.as_bytes(), k.0.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        Key(k)
    }

    /// Derives a key from a low-entropy secret (a password or an invite code) with argon2id.
    /// This costs real time and memory: call it off the async threads.
    pub fn from_password(password: &str, salt: &[u8]) -> Result<Key, VaultError> {
        let mut k = Secret(Zeroizing::new([0u8; KEY_LEN]));
        argon()
            .hash_password_into(password.as_bytes(), salt, k.0.as_mut())
            .map_err(|_| VaultError::Malformed)?;
        Ok(Key(k))
    }
}

/// Associated data that binds a sealed text to one record of one owner.
pub struct Binding<'a> {
    /// The record's id (its bytes).
    pub record_id: &'a [u8],
    /// The record kind, e.g. "reflection".
    pub kind: &'a str,
    /// The owner's id (its bytes).
    pub owner: &'a [u8],
}

impl Binding<'_> {
    fn bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(64);
        v.extend_from_slice(b"kintsugi/record/v1\0");
        v.extend_from_slice(self.kind.as_bytes());
        v.push(0);
        v.extend_from_slice(self.record_id);
        v.push(0);
        v.extend_from_slice(self.owner);
        v
    }
}

/// Seals private text for one record. The only way private text reaches storage.
pub fn seal(key: &Key, binding: &Binding<'_>, plaintext: &str) -> Vec<u8> {
    key.seal_bytes(&binding.bytes(), plaintext.as_bytes())
}

/// Opens text sealed by [`seal`] for the same record.
pub fn open(key: &Key, binding: &Binding<'_>, sealed: &[u8]) -> Result<String, VaultError> {
    let bytes = key.open_bytes(&binding.bytes(), sealed)?;
    String::from_utf8(bytes.to_vec()).map_err(|_| VaultError::Malformed)
}

fn argon() -> Argon2<'static> {
    let params = Params::new(ARGON_M_KIB, ARGON_T, 1, Some(KEY_LEN))
        .expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password for verification (argon2id PHC string). Call off the async threads.
pub fn hash_password(password: &str) -> String {
    use argon2::PasswordHasher;
    argon()
        .hash_password(password.as_bytes())
        .expect("argon2id hashing with valid parameters and the OS RNG cannot fail")
        .to_string()
}

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_password("kintsugi dummy password"));

/// Verifies a password against a stored hash; with `None` (unknown user) it checks a dummy hash so
/// that timing does not reveal whether the account exists, and returns false.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let target = stored.unwrap_or(DUMMY_HASH.as_str());
    let ok = argon().verify_password(password.as_bytes(), target).is_ok();
    ok && stored.is_some()
}

/// Random bytes (salts, tokens).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::rng().fill_bytes(&mut b);
    b
}

/// SHA-256 of a token: what the database stores instead of the token.
pub fn token_hash(token: &[u8]) -> Vec<u8> {
    Sha256::digest(token).to_vec()
}

/// The server's secret for looking codes up: a keyed hash (HMAC-SHA-256) instead of a plain
/// one, so a copied database alone can't be searched offline for the codes behind its rows.
/// Kept outside the database; zeroed on drop; never printed or cloned.
#[derive(Debug)]
pub struct LookupKey(Secret);

impl LookupKey {
    /// A new random secret.
    pub fn generate() -> LookupKey {
        LookupKey(random_bytes().into())
    }

    /// The secret from its 32 stored bytes; `Malformed` for any other length.
    pub fn from_bytes(bytes: &[u8]) -> Result<LookupKey, VaultError> {
        let array: [u8; KEY_LEN] = bytes.try_into().map_err(|_| VaultError::Malformed)?;
        Ok(LookupKey(array.into()))
    }

    /// The bytes, to write the secret to its file once.
    pub fn expose(&self) -> &[u8] {
        self.0.bytes()
    }

    /// The keyed hash of `input`.
    pub fn hash(&self, input: &[u8]) -> Vec<u8> {
        use hmac::Mac;
        // HMAC accepts keys of any length, so this cannot fail for 32 bytes.
        let mut mac = <hmac::Hmac<Sha256> as hmac::KeyInit>::new_from_slice(self.0.bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(input);
        mac.finalize().into_bytes().to_vec()
    }
}

/// A session or API token: 32 random bytes, shown as base64url. The secret is wiped on drop.
pub struct Token(Zeroizing<String>);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<hidden>)")
    }
}

impl Token {
    /// A fresh random token.
    pub fn generate() -> Token {
        let mut raw = random_bytes::<32>();
        let t = Token(Zeroizing::new(data_encoding::BASE64URL_NOPAD.encode(&raw)));
        raw.zeroize();
        t
    }

    /// Wraps a token received from a client.
    pub fn from_client(s: &str) -> Token {
        Token(Zeroizing::new(s.to_string()))
    }

    /// The text to hand to the client (cookie value or bearer token).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the database stores to find the session.
    pub fn lookup_hash(&self) -> Vec<u8> {
        token_hash(self.0.as_bytes())
    }

    /// The key that unwraps this session's copy of the data key.
    pub fn session_key(&self) -> Key {
        Key::from_secret(self.0.as_bytes(), "session data key wrap")
    }

    /// `text` sealed for this session's client to carry for a moment (a page shown once after
    /// a form, say): only a request with this token opens it again. Base64url.
    pub fn seal_for_client(&self, purpose: &str, text: &str) -> String {
        let key = Key::from_secret(self.0.as_bytes(), "carried by the client");
        let sealed = seal(&key, &carried(purpose), text);
        data_encoding::BASE64URL_NOPAD.encode(&sealed)
    }

    /// What [`Token::seal_for_client`] sealed for `purpose`, or `None` if it wasn't sealed by
    /// this session for it.
    pub fn open_from_client(&self, purpose: &str, carried_text: &str) -> Option<String> {
        let key = Key::from_secret(self.0.as_bytes(), "carried by the client");
        let sealed = data_encoding::BASE64URL_NOPAD
            .decode(carried_text.as_bytes())
            .ok()?;
        open(&key, &carried(purpose), &sealed).ok()
    }
}

/// The binding of something a client carries for its session.
fn carried(purpose: &str) -> Binding<'_> {
    Binding {
        record_id: b"carried",
        kind: purpose,
        owner: b"session",
    }
}

/// A recovery key: shown once at sign-up, it can unwrap the data key when the password is lost.
pub struct RecoveryKey(Zeroizing<String>);

impl RecoveryKey {
    /// A fresh recovery key of 160 random bits, shown in groups of four.
    pub fn generate() -> RecoveryKey {
        RecoveryKey::from_raw(&random_bytes::<20>())
    }

    /// The key shown in groups of four base32 characters.
    fn from_raw(raw: &[u8]) -> RecoveryKey {
        let enc = Zeroizing::new(data_encoding::BASE32_NOPAD.encode(raw));
        let grouped: Vec<&str> = enc
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        RecoveryKey(Zeroizing::new(grouped.join("-")))
    }

    /// Parses what a person typed: case, spaces and dashes do not matter.
    pub fn parse(typed: &str) -> Option<RecoveryKey> {
        let clean: String = typed
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let raw = Zeroizing::new(data_encoding::BASE32_NOPAD.decode(clean.as_bytes()).ok()?);
        (raw.len() == 20).then(|| RecoveryKey::from_raw(&raw))
    }

    /// The text to show once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The key that unwraps the recovery copy of the data key.
    pub fn key(&self) -> Key {
        Key::from_secret(self.0.as_bytes(), "recovery data key wrap")
    }
}

/// Purposes for wrapped keys: a wrap made for one purpose cannot be opened as another.
pub mod purpose {
    /// The data key wrapped by the password-derived key.
    pub const PASSWORD: &str = "data key/password";
    /// The data key wrapped by the recovery key.
    pub const RECOVERY: &str = "data key/recovery";
    /// The data key wrapped by a session secret.
    pub const SESSION: &str = "data key/session";
    /// A couple key wrapped by a member's data key.
    pub const COUPLE: &str = "couple key/member";
    /// A couple key wrapped by an invite code.
    pub const INVITE: &str = "couple key/invite";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_client_carries_opens_only_for_its_session_and_purpose() {
        let (mine, other) = (Token::generate(), Token::generate());
        let carried = mine.seal_for_client("recovery key", "ABCD EFGH");
        assert!(!carried.contains("ABCD"), "sealed");
        assert_eq!(
            mine.open_from_client("recovery key", &carried).as_deref(),
            Some("ABCD EFGH")
        );
        assert_eq!(other.open_from_client("recovery key", &carried), None);
        assert_eq!(mine.open_from_client("something else", &carried), None);
        assert_eq!(mine.open_from_client("recovery key", "not base64!"), None);
    }

    #[test]
    fn lookup_hashes_depend_on_the_secret_and_never_equal_a_plain_hash() {
        let (a, b) = (LookupKey::generate(), LookupKey::generate());
        let code = b"ABCDEFGHJKMN";
        assert_eq!(a.hash(code), a.hash(code));
        assert_ne!(a.hash(code), b.hash(code));
        assert_ne!(a.hash(code), token_hash(code));
        let again = LookupKey::from_bytes(a.expose()).expect("32 bytes");
        assert_eq!(again.hash(code), a.hash(code));
        assert_eq!(
            LookupKey::from_bytes(&[0; 31]).expect_err("too short"),
            VaultError::Malformed
        );
        assert_eq!(format!("{a:?}"), "LookupKey(<hidden>)");
    }

    fn binding<'a>(id: &'a [u8], owner: &'a [u8]) -> Binding<'a> {
        Binding {
            record_id: id,
            kind: "reflection",
            owner,
        }
    }

    #[test]
    fn sealed_text_opens_only_for_its_own_record() {
        let k = Key::generate();
        let sealed = seal(
            &k,
            &binding(b"r1", b"u1"),
            "when did I start feeling unsafe",
        );
        assert_eq!(
            open(&k, &binding(b"r1", b"u1"), &sealed).as_deref(),
            Ok("when did I start feeling unsafe")
        );
        assert_eq!(
            open(&k, &binding(b"r2", b"u1"), &sealed),
            Err(VaultError::CannotOpen)
        );
        assert_eq!(
            open(&k, &binding(b"r1", b"u2"), &sealed),
            Err(VaultError::CannotOpen)
        );
        assert_eq!(
            open(&Key::generate(), &binding(b"r1", b"u1"), &sealed),
            Err(VaultError::CannotOpen)
        );
    }

    #[test]
    fn wrapped_keys_need_the_same_purpose() {
        let outer = Key::generate();
        let inner = Key::generate();
        let w = outer.wrap(&inner, purpose::SESSION);
        assert!(outer.unwrap_key(&w, purpose::SESSION).is_ok());
        assert!(outer.unwrap_key(&w, purpose::PASSWORD).is_err());
    }

    #[test]
    fn password_derived_keys_are_deterministic_per_salt() {
        let a = Key::from_password("correct horse battery", b"0123456789abcdef").expect("derive");
        let b = Key::from_password("correct horse battery", b"0123456789abcdef").expect("derive");
        let inner = Key::generate();
        assert!(b.unwrap_key(&a.wrap(&inner, "t"), "t").is_ok());
        let c = Key::from_password("correct horse battery", b"fedcba9876543210").expect("derive");
        assert!(c.unwrap_key(&a.wrap(&inner, "t"), "t").is_err());
    }

    #[test]
    fn password_verification_and_unknown_users() {
        let h = hash_password("a long enough passphrase");
        assert!(verify_password("a long enough passphrase", Some(&h)));
        assert!(!verify_password("a wrong passphrase", Some(&h)));
        assert!(!verify_password("a long enough passphrase", None));
    }

    #[test]
    fn recovery_keys_parse_however_they_are_typed() {
        let r = RecoveryKey::generate();
        let typed = r.expose().to_lowercase().replace('-', " ");
        let parsed = RecoveryKey::parse(&typed).expect("parses");
        let inner = Key::generate();
        assert!(
            parsed
                .key()
                .unwrap_key(&r.key().wrap(&inner, "t"), "t")
                .is_ok()
        );
        assert!(RecoveryKey::parse("not a key").is_none());
    }

    #[test]
    fn keys_and_tokens_never_print_their_secret() {
        let t = Token::generate();
        assert!(!format!("{t:?}").contains(t.expose()));
        assert_eq!(format!("{:?}", Key::generate()), "Key(<hidden>)");
    }
}

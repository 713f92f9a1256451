//! The coach for the browser: a minimal C ABI over [`kintsugi_coach`], loaded by a few lines of
//! JavaScript in `app.js`.
//!
//! Why not wasm-bindgen: the page passes one string in and gets one JSON string back, which
//! four exported functions do; the module then needs no generated glue, no matching CLI and no
//! extra build step, and stays small.
//!
//! The protocol, all in safe Rust: the page asks [`input`] for a buffer of the text's length and
//! writes the UTF-8 bytes into it; [`analyze`] (or [`batch`]) reads that buffer and leaves JSON in
//! the output buffer; [`output`] says where it is. Nothing leaves the module, and the module has
//! no imports: it can't reach the network or anything else.

use std::cell::RefCell;

use kintsugi_coach::Kind;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The analysis of `text` as the server's `POST /api/v1/coach` answers it.
pub fn analysis_json(kind: Kind, text: &str) -> String {
    serde_json::to_string(&kintsugi_coach::analyze(kind, text))
        .unwrap_or_else(|_| String::from("null"))
}

/// One answer in the batch format of `kintsugi coach --jsonl`.
pub fn batch_json(line: &str) -> String {
    kintsugi_coach::jsonl::batch_json(line)
}

/// The kind the page passes as a number: 0 message, 1 apology, 2 request.
fn kind_of(code: u32) -> Kind {
    match code {
        1 => Kind::Apology,
        2 => Kind::Request,
        _ => Kind::Message,
    }
}

/// Runs `f` on the input as text (invalid UTF-8 is read with replacement characters) and keeps
/// its answer as the output; returns the output's length in bytes.
fn answer(f: impl FnOnce(&str) -> String) -> usize {
    let out = INPUT.with_borrow(|bytes| f(&String::from_utf8_lossy(bytes)));
    OUTPUT.with_borrow_mut(|o| {
        *o = out.into_bytes();
        o.len()
    })
}

/// Makes the input buffer `len` bytes long and returns where it starts, for the page to write
/// its text into.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn input(len: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|bytes| {
        bytes.clear();
        bytes.resize(len, 0);
        bytes.as_mut_ptr()
    })
}

/// Analyses the input as `kind` (0 message, 1 apology, 2 request); returns the length of the
/// JSON answer.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn analyze(kind: u32) -> usize {
    answer(|text| analysis_json(kind_of(kind), text))
}

/// Answers the input as one line of `kintsugi coach --jsonl`; returns the answer's length.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn batch() -> usize {
    answer(batch_json)
}

/// Where the last answer starts.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn output() -> *const u8 {
    OUTPUT.with_borrow(|o| o.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page does, in safe Rust: fill the input buffer, analyse, read the output.
    fn through_the_buffers(kind: u32, text: &str) -> String {
        input(text.len());
        INPUT.with_borrow_mut(|b| b.copy_from_slice(text.as_bytes()));
        let len = analyze(kind);
        OUTPUT.with_borrow(|o| {
            assert_eq!(o.len(), len);
            String::from_utf8(o.clone()).expect("JSON is UTF-8")
        })
    }

    #[test]
    fn the_buffers_carry_the_same_analysis_as_the_server() {
        let text = "You never listen to me. You're so lazy.";
        let json = through_the_buffers(0, text);
        assert_eq!(json, analysis_json(Kind::Message, text));
        assert!(json.contains("\"criticism\""));
        let apology = through_the_buffers(1, "I'm sorry if you were upset.");
        assert!(apology.contains("\"conditional\""));
        assert_ne!(output(), std::ptr::null());
    }

    #[test]
    fn the_batch_answer_is_the_command_lines() {
        let line = r#"{"id": 3, "kind": "request", "text": "Give me your phone password."}"#;
        input(line.len());
        INPUT.with_borrow_mut(|b| b.copy_from_slice(line.as_bytes()));
        let len = batch();
        let got = OUTPUT.with_borrow(|o| String::from_utf8(o[..len].to_vec()).expect("UTF-8"));
        assert_eq!(got, batch_json(line));
        assert!(got.contains("\"control\""));
    }
}

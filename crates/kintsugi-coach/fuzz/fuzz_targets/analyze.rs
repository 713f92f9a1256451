#![no_main]
//! Any UTF-8 text up to 64 KiB: no panic, no hang, every span on character boundaries.

use kintsugi_coach::{Kind, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [Kind::Message, Kind::Apology, Kind::Request] {
        let a = analyze(kind, text);
        let spans = a
            .findings
            .iter()
            .map(|f| &f.span)
            .chain(a.safety.iter().map(|s| &s.span))
            .chain(a.parts.iter().flat_map(|p| p.present.iter().map(|e| &e.span)));
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert_eq!(&text[s.start..s.end], s.text);
        }
    }
});

//! Property tests: a path value, whatever it holds, is one opaque value.
#![allow(clippy::unwrap_used)]

use mdapi_runtime::path::{decode_value, encode_path_value, match_path, render, value_places, PathPart};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;

fn template() -> Vec<PathPart<&'static str>> {
    vec![PathPart::Literal("/users/"), PathPart::Param("id"), PathPart::Literal("/photos/"), PathPart::Param("size")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn encoding_round_trips(value in any::<String>()) {
        let encoded = encode_path_value(&value);
        prop_assert_eq!(percent_decode_str(&encoded).decode_utf8().unwrap(), value.as_str());
        // Only RFC 3986 unreserved characters and escapes: no `/`, `?`, `#`.
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)), "{}", encoded);
    }

    #[test]
    fn a_value_never_changes_the_path_shape(id in any::<String>(), size in "[/?#%:. a-zA-Z0-9\u{e9}\u{1f600}]{0,12}") {
        // An empty value is no path segment at all.
        prop_assume!(!id.is_empty() && !size.is_empty());
        let template = template();
        let path = render(&template, &[&id, &size]).unwrap();
        let bindings = match_path(&template, &path).unwrap();
        let decoded: Vec<String> =
            bindings.iter().map(|(_, v)| percent_decode_str(v).decode_utf8().unwrap().into_owned()).collect();
        prop_assert_eq!(decoded, vec![id, size]);
        prop_assert_eq!(path.matches('/').count(), 4);
    }

    /// A function's string argument, whatever it holds, is one OData
    /// string literal: quotes doubled, nothing else that could end it or
    /// the parentheses, and read back as the same string.
    #[test]
    fn a_string_argument_is_one_literal(q in any::<String>()) {
        let template = [PathPart::Literal("/me/drive/root/search(q='"), PathPart::Param("q"), PathPart::Literal("')")];
        let path = render(&template, &[&q]).unwrap();
        let inner = path.strip_prefix("/me/drive/root/search(q='").unwrap().strip_suffix("')").unwrap();
        // Quotes come only in pairs; `(`, `)`, `/`, `?`, `#`, `%` only escaped.
        prop_assert!(inner.replace("''", "").bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)), "{}", inner);
        let place = value_places(&template)[0];
        prop_assert_eq!(decode_value(inner, place), q);
    }
}

//! Property tests: any doc name gives a valid Rust name, and distinct doc
//! names in one scope give distinct Rust names.

use std::collections::HashSet;

use mdapi_codegen::names::{camel, ident, snake, Scope};
use proptest::prelude::*;

/// Doc names as the docs write them, and worse: any Unicode, plus the
/// characters and words that most often break generators.
fn doc_name() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_:./ \\-@#$\u{e9}\u{fc}\u{1f389}]{0,16}",
        prop::sample::select(vec!["type", "Type", "self", "Self", "crate", "super", "_", "", "2fa", "r#type", "gen"])
            .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_name_is_a_valid_identifier(name in doc_name()) {
        for text in [snake(&name), camel(&name)] {
            let token = ident(&text).to_string();
            prop_assert!(syn::parse_str::<syn::Ident>(&token).is_ok(), "{:?} gave {}", name, token);
            prop_assert!(token.is_ascii());
        }
    }

    #[test]
    fn distinct_names_stay_distinct_in_a_scope(names in prop::collection::hash_set(doc_name(), 0..40)) {
        for convert in [snake as fn(&str) -> String, camel] {
            let mut scope = Scope::with_reserved(&["additional_properties"]);
            let claimed: Vec<String> = names.iter().map(|n| scope.claim(convert(n))).collect();
            let unique: HashSet<String> = claimed.iter().map(|c| c.to_ascii_lowercase()).collect();
            prop_assert_eq!(unique.len(), names.len(), "{:?}", claimed);
            prop_assert!(!unique.contains("additional_properties"));
            for name in &claimed {
                prop_assert!(syn::parse_str::<syn::Ident>(&ident(name).to_string()).is_ok(), "{}", name);
            }
        }
    }

    #[test]
    fn names_are_stable(name in doc_name()) {
        prop_assert_eq!(snake(&name), snake(&name.clone()));
        let (mut one, mut two) = (Scope::default(), Scope::default());
        prop_assert_eq!(one.claim(camel(&name)), two.claim(camel(&name)));
    }
}

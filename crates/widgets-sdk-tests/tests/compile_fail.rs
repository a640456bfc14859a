//! What typed query options refuse to compile, each for its own reason
//! (the expected rustc message is in `tests/ui/*.stderr`): a misspelt
//! property, another model's property, a structural property in
//! `$expand`, a collection property in `$orderby`, and a `$filter` value
//! of another type than its property's.

#[test]
fn typed_query_options_refuse_what_the_model_lacks() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}

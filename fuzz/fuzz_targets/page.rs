//! One page, any bytes: parse, lower and emit, then check the output.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    if let Err(violation) = mdapi::robustness::check_page(bytes) {
        panic!("{violation}");
    }
});

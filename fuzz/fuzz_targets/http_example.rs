//! Any bytes as an example's HTTP request and response.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    if let Err(violation) = mdapi::robustness::check_http_example(bytes) {
        panic!("{violation}");
    }
});

//! The floor a markdown-based generator cannot go under: read every `.md`
//! page under the given folders and run pulldown-cmark over it (with the
//! options mdapi uses), consuming every event, on all cores. Prints the
//! number of pages, bytes and events, and the wall time in milliseconds.
//!
//! `cargo run --release -p mdapi-parse --example markdown_floor -- <DIR>...`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Instant;

use pulldown_cmark::Parser;
use rayon::prelude::*;

fn main() {
    let started = Instant::now();
    let mut files: Vec<PathBuf> = Vec::new();
    for root in std::env::args().skip(1) {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.expect("readable folder");
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
                files.push(entry.into_path());
            }
        }
    }
    let options = mdapi_parse::markdown::OPTIONS;
    let (bytes, events) = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let events = Parser::new_ext(&text, options).into_offset_iter().count();
            (text.len(), events)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} pages, {bytes} bytes, {events} events, {} ms", files.len(), started.elapsed().as_millis());
}

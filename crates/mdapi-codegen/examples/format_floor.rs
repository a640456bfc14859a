//! The least formatting costs: read every `.rs` file under the given
//! folders (a generated crate), parse it with syn and print it with
//! prettyplease, on all cores, as `mdapi gen` does for each file it emits.
//! Prints the number of files and bytes, the wall time in milliseconds,
//! and the part of it spent in syn's parser and prettyplease alone (their
//! CPU time over the cores): `mdapi gen` already holds tokens, so it does
//! not lex text as this does.
//!
//! `mdapi gen` must at least do this for every file it writes (unless its
//! format cache has the file), so this is a floor for gen the way
//! `mdapi-parse`'s `markdown_floor` is for reading the pages.
//!
//! `cargo run --release -p mdapi-codegen --example format_floor -- <DIR>...`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for root in std::env::args().skip(1) {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.expect("readable folder");
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "rs") {
                files.push(entry.into_path());
            }
        }
    }
    // The texts are read first: the timed part is the formatting alone.
    let texts: Vec<String> = files.iter().map(|path| std::fs::read_to_string(path).expect("UTF-8 file")).collect();
    let started = Instant::now();
    let (bytes, printed, formatting) = texts
        .par_iter()
        .map(|text| {
            let tokens: proc_macro2::TokenStream = text.parse().expect("generated files lex");
            let formatting = Instant::now();
            let file = syn::parse2::<syn::File>(tokens).expect("generated files parse");
            let printed = prettyplease::unparse(&file).len();
            (text.len(), printed, formatting.elapsed())
        })
        .reduce(|| (0, 0, Duration::ZERO), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    let wall = started.elapsed();
    let cores = rayon::current_num_threads() as u32;
    println!(
        "{} files, {bytes} bytes read, {printed} bytes printed, {} ms, of which parse and print {} ms",
        files.len(),
        wall.as_millis(),
        (formatting / cores).as_millis()
    );
}

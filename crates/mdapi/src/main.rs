//! The `mdapi` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mdapi::{DocSet, Generator};
use mdapi_parse::Severity;

/// mimalloc: the pipeline makes millions of small allocations (strings,
/// token trees) across threads; measured by `cargo xtask bench`. Built with
/// `no_thp`: with transparent huge pages, page faults on this short-lived
/// process stalled on compaction (`mdapi ir` over the corpus 0.8-1.45 s and
/// 385 MB peak, against 0.84-0.93 s and 360 MB without).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "mdapi",
    version,
    about = "Generate a typed Rust SDK from Graph-style API reference markdown",
    after_help = "Examples:\n  mdapi lint --docs docs-input\n  mdapi gen --docs docs-input --out generated/graph --runtime-path crates/mdapi-runtime\n  mdapi report --docs docs --out report.html\n\nExit codes: 0 ok (gen writes the crate and reports the docs' defects); 1 defects found (lint errors, `gen --check` differences); 2 usage or I/O error.\nColors follow the terminal; NO_COLOR=1 turns them off."
)]
struct Cli {
    /// No progress bar.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Docs {
    /// A docs folder; repeat to form one doc set (links resolve across them).
    #[arg(long = "docs", value_name = "DIR", required = true)]
    docs: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from the docs.
    #[command(
        after_help = "Example:\n  mdapi gen --docs docs-input --out generated/graph --runtime-path crates/mdapi-runtime"
    )]
    Gen {
        #[command(flatten)]
        docs: Docs,
        /// Folder of the generated crate.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Package name of the generated crate.
        #[arg(long, value_name = "NAME", default_value = "graph")]
        crate_name: String,
        /// Depend on mdapi-runtime at this folder (mdapi's crates/mdapi-runtime); without it, on mdapi-runtime 0.1 from the registry, which must then hold it.
        #[arg(long, value_name = "DIR")]
        runtime_path: Option<PathBuf>,
        /// Write nothing; print a diff and exit 1 if the output folder differs.
        #[arg(long)]
        check: bool,
        /// Write one `<crate-name>.rs` of inline modules (for `include!`) instead of a crate.
        #[arg(long)]
        single_file: bool,
        /// The Rust path the generated modules live under (with --single-file, where it is included).
        #[arg(long, value_name = "PATH", default_value = "crate")]
        crate_paths: String,
        /// Keep formatted files here by fingerprint, and a record of each run keyed by its inputs, so a rerun formats only what changed and a rerun with nothing changed does nothing (a build folder; never used by --check).
        #[arg(long, value_name = "DIR")]
        format_cache: Option<PathBuf>,
    },
    /// Report defects in the docs; exit 1 if any is an error.
    #[command(
        after_help = "Examples:\n  mdapi lint --docs docs-input\n  mdapi lint --docs docs-input --format json\n  mdapi lint --docs docs --format sarif > mdapi.sarif   # for code scanning\n\nExit 1 if any diagnostic is an error."
    )]
    Lint {
        #[command(flatten)]
        docs: Docs,
        /// human: rustc-style; json: one object per line; sarif: one SARIF 2.1.0 log
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
    },
    /// Print coverage figures: how much of the docs mdapi understood.
    #[command(after_help = "Example:\n  mdapi stats --docs ../shared/corpus/graph-docs/v1.0 --format json")]
    Stats {
        #[command(flatten)]
        docs: Docs,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// The API changes between two versions of the docs, breaking ones marked.
    #[command(
        after_help = "Example:\n  mdapi diff docs-2021-01/v1.0 docs/v1.0 --format markdown --deny-breaking\n\nExit 2 with --deny-breaking when a change is breaking."
    )]
    Diff {
        /// The docs before.
        old: PathBuf,
        /// The docs after.
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Exit 2 when any change is breaking.
        #[arg(long)]
        deny_breaking: bool,
    },
    /// What a diagnostic code means, with a wrong and a right snippet.
    #[command(after_help = "Example:\n  mdapi explain example-type-mismatch\n  mdapi explain --list")]
    Explain {
        /// The code, as printed in brackets: `error[route-invalid]`.
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// List every code with its one-line summary.
        #[arg(long)]
        list: bool,
    },
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  mdapi completions bash > /etc/bash_completion.d/mdapi")]
    Completions { shell: clap_complete::Shell },
    /// Write a self-contained HTML report on the docs' health.
    #[command(
        after_help = "Examples:\n  mdapi report --docs docs-input --out target/report.html\n  mdapi report --docs docs --out report.html --source-url https://github.com/org/docs/blob/main/docs"
    )]
    Report {
        #[command(flatten)]
        docs: Docs,
        /// The HTML file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Link pages to this URL prefix (the page path and `#L<line>` are appended)
        /// instead of to files relative to the report.
        #[arg(long, value_name = "URL")]
        source_url: Option<String>,
    },
    /// Print the API model as JSON.
    #[command(after_help = "Example:\n  mdapi ir --docs docs-input > api.json")]
    Ir {
        #[command(flatten)]
        docs: Docs,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LintFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let _ = STARTED.set(std::time::Instant::now());
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Writes `text` to stdout. A reader that went away (`mdapi explain --list
/// | head`) is not an error: the rest is not wanted (`print!` panicked).
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn color(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Parses and lowers, with a progress bar on a terminal unless `quiet`.
fn analyze(set: &DocSet, quiet: bool) -> mdapi::Analysis {
    let bar = if quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        indicatif::ProgressBar::new(u64::try_from(set.pages.len()).unwrap_or(u64::MAX)).with_style(style)
    };
    let analysis = mdapi::analyze_with_progress(set, &|| bar.inc(1));
    bar.finish_and_clear();
    analysis
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    let cli_quiet = cli.quiet;
    match cli.command {
        Command::Gen { docs, out, crate_name, runtime_path, check, single_file, crate_paths, format_cache } => {
            let mut generator = docs
                .docs
                .iter()
                .fold(Generator::new(), |g, d| g.docs(d))
                .out_dir(&out)
                .crate_name(crate_name)
                .single_file(single_file)
                .crate_paths(&crate_paths);
            if let Some(runtime) = runtime_path {
                generator = generator.runtime_path(runtime);
            }
            if let Some(cache) = format_cache {
                generator = generator.format_cache(cache);
            }
            if check {
                let (report, differences) = generator.check().map_err(|e| e.to_string())?;
                summarize(report.docs.pages.len(), &report.analysis);
                if differences.is_empty() {
                    eprintln!("{} is up to date ({} files)", out.display(), report.files.len());
                    return Ok(ExitCode::SUCCESS);
                }
                let mut stdout = std::io::stdout().lock();
                for difference in &differences {
                    let _ = write!(stdout, "{}", difference.diff);
                }
                for difference in &differences {
                    eprintln!("differs: {}", out.join(&difference.path).display());
                }
                eprintln!("{} of {} files differ: run `cargo xtask gen`", differences.len(), report.files.len());
                Ok(ExitCode::from(1))
            } else {
                let (report, changes) = generator.generate().map_err(|e| e.to_string())?;
                summarize(report.docs.pages.len(), &report.analysis);
                let reused = if report.reused { " (inputs unchanged since the last run: reused)" } else { "" };
                eprintln!(
                    "generated {}: {} files written, {} unchanged, {} removed{reused}",
                    out.display(),
                    changes.written.len(),
                    changes.unchanged,
                    changes.removed.len(),
                );
                exit_without_freeing(report);
                Ok(ExitCode::SUCCESS)
            }
        }
        Command::Lint { docs, format } => {
            let set = DocSet::load(&docs.docs).map_err(|e| e.to_string())?;
            let analysis = analyze(&set, cli_quiet);
            let mut stdout = std::io::stdout().lock();
            let colored = color(&std::io::stdout());
            if matches!(format, LintFormat::Sarif) {
                let log = mdapi::sarif::log(&set, &analysis.diagnostics);
                let text = serde_json::to_string_pretty(&log).map_err(|e| e.to_string())?;
                let _ = writeln!(stdout, "{text}");
            }
            for diagnostic in &analysis.diagnostics {
                let text = match format {
                    LintFormat::Sarif => break,
                    LintFormat::Json => mdapi::render::json_line(&set, diagnostic),
                    LintFormat::Human => mdapi::render::human(&set, diagnostic, colored) + "\n",
                };
                if writeln!(stdout, "{text}").is_err() {
                    break;
                }
            }
            if matches!(format, LintFormat::Human) {
                summarize_codes(&analysis);
                summarize(analysis.pages.len(), &analysis);
                if !analysis.diagnostics.is_empty() {
                    eprintln!("For more about a code, try `mdapi explain <code>`.");
                }
            }
            let errors = analysis.diagnostics.iter().any(|d| d.severity == Severity::Error);
            exit_without_freeing((set, analysis));
            Ok(if errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Stats { docs, format } => {
            let set = DocSet::load(&docs.docs).map_err(|e| e.to_string())?;
            let stats = mdapi::stats::compute(&analyze(&set, cli_quiet));
            let value = serde_json::to_value(&stats).map_err(|e| e.to_string())?;
            match format {
                Format::Json => emit(&format!("{value}\n")),
                Format::Human => {
                    let mut text = String::new();
                    for (key, value) in value.as_object().into_iter().flatten() {
                        text.push_str(&format!("{key:<28} {value}\n"));
                    }
                    text.push_str(&format!(
                        "typed example responses agreeing with their operation's declared response: {}\n",
                        mdapi::stats::share(stats.example_responses_agreeing, stats.example_responses_for_operations)
                    ));
                    emit(&text);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { old, new, format, deny_breaking } => {
            let load = |dir: &PathBuf| -> Result<mdapi::Analysis, String> {
                Ok(analyze(&DocSet::load(std::slice::from_ref(dir)).map_err(|e| e.to_string())?, cli_quiet))
            };
            let changes = mdapi::diff::compare(&load(&old)?.api, &load(&new)?.api);
            match format {
                DiffFormat::Markdown => emit(&mdapi::diff::markdown(&changes)),
                DiffFormat::Json => {
                    emit(&format!("{}\n", serde_json::to_string_pretty(&changes).map_err(|e| e.to_string())?))
                }
            }
            let breaking = changes.iter().filter(|c| c.breaking).count();
            eprintln!("{} changes, {breaking} breaking", changes.len());
            Ok(if deny_breaking && breaking > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Command::Explain { code, list } => {
            if list {
                let mut text = String::new();
                for code in mdapi_parse::Code::ALL {
                    text.push_str(&format!(
                        "{:<28} {:<8} {}\n",
                        code.as_str(),
                        format!("{:?}", code.severity()).to_lowercase(),
                        code.summary()
                    ));
                }
                emit(&text);
                return Ok(ExitCode::SUCCESS);
            }
            let name = code.unwrap_or_default();
            let code = mdapi::explain::code_named(&name)
                .ok_or_else(|| format!("no diagnostic code `{name}` (see `mdapi explain --list`)"))?;
            emit(&mdapi::explain::render(code));
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            // Into memory first: writing a Vec cannot fail, and a closed
            // stdout (`| head`) is then not an error worth a panic.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "mdapi", &mut script);
            let _ = std::io::stdout().lock().write_all(&script);
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { docs, out, source_url } => {
            let set = DocSet::load(&docs.docs).map_err(|e| e.to_string())?;
            let analysis = analyze(&set, cli_quiet);
            let stats = mdapi::stats::compute(&analysis);
            let options =
                mdapi::report::Options { source_url, report_dir: out.parent().map(std::path::Path::to_path_buf) };
            let html = mdapi::report::html(&set, &analysis, &stats, &options);
            mdapi::report::write(&out, &html).map_err(|e| format!("{}: {e}", out.display()))?;
            summarize(analysis.pages.len(), &analysis);
            eprintln!("wrote {} ({} KB)", out.display(), html.len() / 1024);
            Ok(ExitCode::SUCCESS)
        }
        Command::Ir { docs } => {
            let set = DocSet::load(&docs.docs).map_err(|e| e.to_string())?;
            let analysis = analyze(&set, cli_quiet);
            // Streamed: the whole corpus's IR is ~100 MB of JSON, not worth
            // holding as one string.
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, &analysis.api).map_err(|e| e.to_string())?;
            writeln!(out).and_then(|()| out.flush()).map_err(|e| e.to_string())?;
            drop(out);
            summarize(analysis.pages.len(), &analysis);
            exit_without_freeing((set, analysis));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Leaves a run's data for the OS to reclaim when the process exits, which
/// it does next: freeing every page, type and file one by one was 8% of
/// `mdapi ir`'s CPU time over the corpus.
fn exit_without_freeing<T>(value: T) {
    std::mem::forget(value);
}

/// One line on stderr: how many pages and diagnostics of each severity.
fn summarize(pages: usize, analysis: &mdapi::Analysis) {
    let count = |s: Severity| analysis.diagnostics.iter().filter(|d| d.severity == s).count();
    let pages_with_defects =
        analysis.diagnostics.iter().map(|d| d.file.as_str()).collect::<std::collections::BTreeSet<_>>().len();
    eprintln!(
        "{} pages ({} with findings): {} errors, {} warnings, {} notes, in {:.2} s",
        pages,
        pages_with_defects,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
        STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64()),
    );
}

/// Per-code counts, most frequent first: the end of a human `lint`.
fn summarize_codes(analysis: &mdapi::Analysis) {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for diagnostic in &analysis.diagnostics {
        *counts.entry(diagnostic.code.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (code, count) in counts {
        eprintln!("{count:>7}  {code}");
    }
}

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

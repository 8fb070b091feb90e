//! `zhscreen scan`: screen files, directories (recursively) or standard input, several inputs at
//! once on the machine's cores, and write the reports in input order in the chosen format, with
//! linter exit codes.

use crate::args::{Cli, OutputFormat, ScanArgs};
use crate::format::{self, Emit, Scanned, Summary};
use crate::input::{self, Document, InputError};
use crate::style::Paint;
use crate::{error, note, walk, warn, Failure};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use zhscreen::Screener;

/// Runs `scan`; returns the exit status.
pub fn run(cli: &Cli, args: &ScanArgs, paint: Paint) -> Result<i32, Failure> {
    let filter = walk::Filter::new(&args.glob).map_err(Failure::Usage)?;
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let items = walk::collect(&args.paths, &filter, &stdin_name);
    std::thread::scope(|scope| {
        // The first file is read on a second core while the rules are built and warmed up: for
        // one large file the two take about as long. A failure to build the rules still comes
        // first, and nothing read ahead is written.
        let read_ahead = match items.first() {
            Some(Ok((origin @ input::Origin::File(_), name))) => {
                Some(scope.spawn(move || input::load(origin, name)))
            }
            _ => None,
        };
        let screener = super::build_screener(cli, &[])?;
        if !items.is_empty() {
            screener.warm_up();
        }
        let first = read_ahead.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        screen(cli, args, paint, &screener, &items, first)
    })
}

/// Screens the inputs with the rules built; `first` is the first input when it was read ahead.
fn screen(
    cli: &Cli,
    args: &ScanArgs,
    paint: Paint,
    screener: &Screener,
    items: &[walk::Item],
    first: Option<Result<Document, InputError>>,
) -> Result<i32, Failure> {
    if items.is_empty() {
        warn(cli.lang, &cli.lang.messages().cli_no_files());
    }
    if items
        .iter()
        .any(|i| matches!(i, Ok((input::Origin::Stdin, _))))
        && io::stdin().is_terminal()
    {
        note(&cli.lang.messages().cli_reading_stdin());
    }

    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(io::BufWriter::new(std::fs::File::create(path).map_err(
            |e| {
                Failure::Input(format!(
                    "{}: {}",
                    path.display(),
                    input::io_message(&e, cli.lang)
                ))
            },
        )?)),
        None => Box::new(io::stdout().lock()),
    };
    // Colour only where it is read: not into a file.
    let paint = if args.output.is_some() {
        Paint::new(false)
    } else {
        paint
    };
    let mut emitter: Box<dyn Emit> = match args.format {
        OutputFormat::Human => Box::new(format::human::Human::new(paint, items.len(), cli.lang)),
        OutputFormat::Json => Box::new(format::json::Json::new(items.len(), cli.lang)),
        OutputFormat::Jsonl => Box::new(format::json::JsonLines(cli.lang)),
        OutputFormat::Sarif => Box::new(format::sarif::Sarif::new(screener.ruleset().clone())),
        OutputFormat::Html => Box::new(format::sheet::Sheet::new(
            screener.ruleset().clone(),
            format::sheet::time_stamp(),
            cli.lang,
        )),
    };

    let progress = (items.len() >= 16 && io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::with_draw_target(
            Some(items.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} screening {pos}/{len} {wide_bar} {elapsed}",
        ) {
            pb.set_style(style);
        }
        pb
    });

    let min = args.min_severity.severity();
    let mut summary = Summary::default();
    let handle = |r: Result<Scanned, InputError>,
                  summary: &mut Summary,
                  emitter: &mut Box<dyn Emit>,
                  sink: &mut Box<dyn Write>|
     -> io::Result<()> {
        let mut write = |summary: &mut Summary| match &r {
            Ok(s) => {
                summary.add(s);
                emitter.file(sink.as_mut(), s)
            }
            Err(e) => {
                summary.errors += 1;
                error(cli.lang, &e.line(cli.lang));
                emitter.error(sink.as_mut(), e)
            }
        };
        match &progress {
            Some(pb) => {
                let res = pb.suspend(|| write(summary));
                pb.inc(1);
                res
            }
            None => write(summary),
        }
    };

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.clamp(1, 8).min(items.len().max(1));
    // The cores the file threads leave idle go to chunks of a large file.
    let chunk_threads = (cores / threads).max(1);
    let next = AtomicUsize::new(0);
    let first = Mutex::new(first);
    let result: io::Result<()> = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Result<Scanned, InputError>)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, first) = (&next, &first);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let read_ahead = if i == 0 {
                    first.lock().ok().and_then(|mut f| f.take())
                } else {
                    None
                };
                let r = match item {
                    Ok((origin, name)) => read_ahead
                        .unwrap_or_else(|| input::load(origin, name))
                        .map(|doc| {
                            let mut report = screener.scan_parallel(&doc.text, chunk_threads);
                            let before = report.findings.len();
                            report.findings.retain(|f| f.severity >= min);
                            let hidden = before - report.findings.len();
                            Scanned {
                                doc,
                                report,
                                hidden,
                            }
                        }),
                    Err(e) => Err(e.clone()),
                };
                if tx.send((i, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Results come in any order; they are written in input order, each as soon as all
        // before it are written.
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                handle(r, &mut summary, &mut emitter, &mut sink)?;
                want += 1;
            }
        }
        Ok(())
    });
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    result?;
    emitter.finish(sink.as_mut(), &summary)?;
    sink.flush()?;

    if summary.errors > 0 {
        return Ok(2);
    }
    let fails = summary
        .worst
        .is_some_and(|v| v.reaches(args.fail_on.severity()));
    Ok(i32::from(fails && !args.exit_zero))
}

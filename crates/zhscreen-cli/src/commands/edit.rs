//! What `zhscreen redact` and `zhscreen fix` share: print the rewritten text, a unified diff, or
//! write it back in place (in the file's own encoding, keeping a `.bak` copy unless told not to).

use crate::args::EditArgs;
use crate::input::{self, Format, Origin};
use crate::style::Paint;
use crate::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};
use zhscreen::Screener;

/// What to rewrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Mask personal data, classification marks and prohibited content.
    Redact,
    /// Apply the suggestions of `expression` and `typo` findings.
    Fix,
}

/// Runs `redact` or `fix`; returns the exit status.
pub fn run(
    screener: &Screener,
    mode: Mode,
    opts: &EditArgs,
    out: &mut dyn Write,
    paint: Paint,
) -> Result<i32, Failure> {
    let lang = screener.lang();
    let (origin, name) = match &opts.path {
        Some(p) if p.as_os_str() != "-" => (Origin::File(p.clone()), p.display().to_string()),
        _ => (
            Origin::Stdin,
            opts.stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into()),
        ),
    };
    if opts.write {
        match &origin {
            Origin::Stdin => {
                return Err(Failure::Usage(
                    "--write needs a file, not standard input".into(),
                ))
            }
            Origin::File(_) if opts.diff => {
                return Err(Failure::Usage(
                    "--write and --diff do not go together".into(),
                ))
            }
            _ => {}
        }
    }
    let doc = input::load(&origin, &name).map_err(Failure::Read)?;
    let result = match mode {
        Mode::Redact => screener.redact(&doc.text),
        Mode::Fix => screener.fix(&doc.text),
    };
    let (new_text, skipped) = doc.apply(&result.replacements, &result.text);
    for s in &skipped {
        crate::warn(lang, s);
    }
    let old_text = doc.view();
    if opts.diff {
        let changed = new_text != old_text;
        if changed {
            write_diff(out, &doc.name, old_text, &new_text, paint)?;
        }
        out.flush()?;
        return Ok(i32::from(changed));
    }
    if opts.write {
        let Origin::File(path) = &origin else {
            unreachable!("checked above")
        };
        if doc.format == Format::Docx {
            return Err(Failure::Input(format!(
                "{name}: --write cannot edit a .docx in place; run without --write for the text, or --diff"
            )));
        }
        let replaced = result.replacements.len() - skipped.len();
        if replaced == 0 {
            crate::note(&lang.messages().edit_nothing_to_change(&name));
            return Ok(0);
        }
        write_back(path, &doc.encoding.encode(&new_text), opts.no_backup)?;
        let backup = (!opts.no_backup).then(|| backup_path(path).display().to_string());
        crate::note(&lang.messages().edit_written(
            &name,
            mode == Mode::Fix,
            replaced,
            doc.encoding.as_str(),
            backup.as_deref(),
        ));
        return Ok(0);
    }
    out.write_all(new_text.as_bytes())?;
    out.flush()?;
    Ok(0)
}

fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

fn write_back(path: &Path, bytes: &[u8], no_backup: bool) -> Result<(), Failure> {
    let fail = |what: &str, p: &Path, e: std::io::Error| {
        Failure::Input(format!(
            "{}: {what}: {}",
            p.display(),
            input::io_message(&e, zhscreen::Lang::En)
        ))
    };
    if !no_backup {
        let bak = backup_path(path);
        std::fs::copy(path, &bak).map_err(|e| fail("cannot write the backup", &bak, e))?;
    }
    // Write beside the file, then rename over it: a crash never leaves half a file.
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.zhscreen-tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| fail("cannot write", &tmp, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail("cannot replace", path, e)
    })
}

fn write_diff(
    out: &mut dyn Write,
    name: &str,
    old: &str,
    new: &str,
    paint: Paint,
) -> std::io::Result<()> {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let shown = if body.starts_with("+++") || body.starts_with("---") {
            paint.bold(body)
        } else if body.starts_with('+') {
            paint.green(body)
        } else if body.starts_with('-') {
            paint.red(body)
        } else if body.starts_with("@@") {
            paint.cyan(body)
        } else {
            body.to_string()
        };
        writeln!(out, "{shown}")?;
    }
    Ok(())
}

//! Which inputs a command line names: files, directories walked recursively (filtered by
//! `--glob` or by the supported extensions), and standard input.

use crate::input::{InputError, InputProblem, Origin, DEFAULT_EXTENSIONS};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// One input to screen, or the reason a named path cannot be.
pub type Item = Result<(Origin, String), InputError>;

/// `--glob` patterns: include patterns, and `!`-prefixed exclude patterns.
#[derive(Debug)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filter {
    /// Compiles the patterns; a bad pattern is an error naming it.
    pub fn new(globs: &[String]) -> Result<Filter, String> {
        let mut inc = GlobSetBuilder::new();
        let mut exc = GlobSetBuilder::new();
        let (mut n_inc, mut n_exc) = (0, 0);
        for g in globs {
            let (neg, pat) = match g.strip_prefix('!') {
                Some(p) => (true, p),
                None => (false, g.as_str()),
            };
            let glob = Glob::new(pat).map_err(|e| format!("--glob {g}: {e}"))?;
            if neg {
                exc.add(glob);
                n_exc += 1;
            } else {
                inc.add(glob);
                n_inc += 1;
            }
        }
        let build = |b: GlobSetBuilder, n: usize| -> Result<Option<GlobSet>, String> {
            if n == 0 {
                return Ok(None);
            }
            b.build().map(Some).map_err(|e| format!("--glob: {e}"))
        };
        Ok(Filter {
            include: build(inc, n_inc)?,
            exclude: build(exc, n_exc)?,
        })
    }

    /// Whether a file found while walking a directory is screened; `rel` is its path relative
    /// to the directory named on the command line.
    fn accepts(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        let hit = |set: &GlobSet| set.is_match(rel) || set.is_match(name);
        if self.exclude.as_ref().is_some_and(hit) {
            return false;
        }
        match &self.include {
            Some(set) => hit(set),
            None => rel
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
        }
    }
}

/// The inputs named by `paths`, in order: standard input for none or `-`, every accepted file
/// under a directory in name order (hidden files and directories skipped), a file as named.
pub fn collect(paths: &[PathBuf], filter: &Filter, stdin_name: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut stdin_taken = false;
    let mut take_stdin = |items: &mut Vec<Item>| {
        if !stdin_taken {
            stdin_taken = true;
            items.push(Ok((Origin::Stdin, stdin_name.to_string())));
        }
    };
    if paths.is_empty() {
        take_stdin(&mut items);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            take_stdin(&mut items);
            continue;
        }
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => items.push(Err(InputError {
                name,
                problem: InputProblem::from_io(&e),
            })),
            Ok(m) if m.is_dir() => walk_dir(path, filter, &mut items),
            Ok(_) => items.push(Ok((Origin::File(path.clone()), name))),
        }
    }
    items
}

fn walk_dir(root: &Path, filter: &Filter, items: &mut Vec<Item>) {
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                if filter.accepts(rel) {
                    let path = e.path().to_path_buf();
                    items.push(Ok((Origin::File(path.clone()), path.display().to_string())));
                }
            }
            Ok(_) => {}
            Err(err) => {
                let name = err.path().unwrap_or(root).display().to_string();
                let problem = err
                    .io_error()
                    .map(InputProblem::from_io)
                    .unwrap_or_else(|| InputProblem::Io(err.to_string()));
                items.push(Err(InputError { name, problem }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_include_and_exclude() {
        let f = Filter::new(&["*.txt".into(), "!draft*".into()]).unwrap();
        assert!(f.accepts(Path::new("a/b/notice.txt")));
        assert!(!f.accepts(Path::new("a/draft1.txt")));
        assert!(!f.accepts(Path::new("a/page.html")));
        let d = Filter::new(&[]).unwrap();
        assert!(d.accepts(Path::new("x/page.HTML")));
        assert!(d.accepts(Path::new("x/report.docx")));
        assert!(!d.accepts(Path::new("x/photo.jpg")));
        assert!(Filter::new(&["a[".into()]).is_err());
    }
}

//! zhscreen screens Chinese text before a government website or new-media account publishes it
//! (先审后发). It is the machine pass that runs before the human reviewers of the 三审制: in
//! microseconds per post it tells them where to look, why, and what to write instead, against the
//! five gates — politics, law, policy, secrecy and text.
//!
//! ```
//! use zhscreen::{Category, Screener, Verdict};
//!
//! let screener = Screener::new()?;
//! let report = screener.scan("经审核，王某某（身份证号：110108199003071238）的低保申请已通过。");
//! assert_eq!(report.verdict, Verdict::Review);
//! let f = &report.findings[0];
//! assert_eq!(f.category, Category::PersonalInfo);
//! assert_eq!(f.text, "110108199003071238");
//! // Offsets point into the caller's text: bytes and chars.
//! assert_eq!(&"经审核，王某某（身份证号：110108199003071238）"[f.start..f.end], f.text);
//!
//! // De-identify before publishing.
//! let redacted = screener.redact("身份证号：110108199003071238");
//! assert_eq!(redacted.text, "身份证号：110108********1238");
//! # Ok::<(), zhscreen::Error>(())
//! ```
//!
//! # The pipeline
//! 1. [`normalize`] folds the text (width, case, traditional → simplified, compatibility forms,
//!    noise dropped) and keeps a map back to the original bytes.
//! 2. One automaton finds every term, exception and counter-context word of every category.
//! 3. Hits are verified: exceptions (`allow:`), ASCII word edges, noise rules, whole-word checks
//!    by segmentation for short terms, counter-context (禁毒, 破获...) lowering block to review.
//! 4. Detectors ([`detect`]) find personal data and classification marks with real validation.
//! 5. The [`Report`] lists [`Finding`]s ordered by offset, with a [`Verdict`] and the ruleset's
//!    fingerprint for the audit record.
//!
//! Notes are written in the screener's [`Lang`] (Chinese unless [`ScreenerBuilder::lang`] or
//! [`Screener::with_lang`] says otherwise), from the catalogue in [`messages`]; nothing else in a
//! report depends on the language.
//!
//! Wordlists are plain text a reviewer can edit; their format is documented in
//! `wordlists/README.md`. The defaults are embedded; add your own with [`ScreenerBuilder`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod category;
pub mod chunked;
mod defaults;
pub mod detect;
pub mod error;
pub mod lint;
pub mod lists;
mod loading;
mod matcher;
mod merge;
pub mod messages;
pub mod normalize;
pub mod publishing;
pub mod redact;
pub mod report;
mod ruleset;
mod screener;
mod segment;
pub mod signoff;
pub(crate) mod stance;
pub mod typo;
mod verify;
pub mod wording;
pub mod wordlist;

pub use category::{Category, Gate, Severity, Verdict};
pub use defaults::default_lists;
pub use detect::person_name::NamesPolicy;
pub use error::{Error, Result};
pub use loading::Source;
pub use messages::Lang;
pub use redact::{Action, RedactPolicy, Redaction, Replacement};
pub use report::{Finding, Report, RulesetInfo};
pub use ruleset::{Diagnostic, DiagnosticKind};
pub use screener::{Config, Screener, ScreenerBuilder, Stats};
pub use signoff::{SignOff, SignOffLevel, SignOffReason};
pub use typo::TypoThreshold;

#[cfg(test)]
mod tests {
    #[test]
    fn main_types_are_shareable() {
        fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        check::<crate::Screener>();
        check::<crate::Report>();
        fn sendable<T: Send + Sync>() {}
        sendable::<crate::Error>();
    }
}

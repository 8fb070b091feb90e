//! Resident memory of the current process, from `/proc/self/status` (Linux).

/// Resident set size and its peak, in KiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// `VmRSS`: resident now.
    pub rss_kib: u64,
    /// `VmHWM`: the peak resident size so far.
    pub hwm_kib: u64,
}

/// Reads `VmRSS` and `VmHWM`; `None` where `/proc` is not available.
pub fn memory() -> Option<Memory> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    Some(Memory {
        rss_kib: field_kib(&status, "VmRSS:")?,
        hwm_kib: field_kib(&status, "VmHWM:")?,
    })
}

/// The value of a `Name:   123 kB` line.
fn field_kib(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_lines() {
        let status = "Name:\tx\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n";
        assert_eq!(field_kib(status, "VmRSS:"), Some(1024));
        assert_eq!(field_kib(status, "VmHWM:"), Some(2048));
        assert_eq!(field_kib(status, "VmSwap:"), None);
    }

    #[test]
    fn reads_own_memory() {
        if std::path::Path::new("/proc/self/status").exists() {
            let m = memory().expect("VmRSS and VmHWM in /proc/self/status");
            assert!(m.rss_kib > 0 && m.hwm_kib >= m.rss_kib);
        }
    }
}

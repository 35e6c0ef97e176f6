//! Version ranges for policy entries (`version = ">=3.0, <4"`), across ecosystems.
//!
//! Versions are compared by their leading numeric release segments (`1.2.10` > `1.2.9`; missing
//! segments are 0), and a release with a pre-release tag (`1.0.0-rc.1`, `2.0b1`, `1.0.dev3`)
//! sorts before the same release without one. That order holds for SemVer (Cargo, npm) and for
//! the common PEP 440 forms (Python).
//!
//! A range is clauses separated by commas or spaces, all of which must hold: `=1.2.3` (or a bare
//! version), `!=`, `>`, `>=`, `<`, `<=`, `^1.2` (compatible: same leftmost non-zero segment),
//! `~1.2` (same minor), and wildcards `3.*` or `*`. `<4` leaves out the pre-releases of 4.
//!
//! # Example
//! ```
//! use clearance_policy::version::VersionReq;
//! let r: VersionReq = ">=3.0, <4".parse().unwrap();
//! assert!(r.matches("3.9.1"));
//! assert!(!r.matches("4.0.0-rc.1") && !r.matches("2.9"));
//! assert!("^0.2.1".parse::<VersionReq>().unwrap().matches("0.2.9"));
//! assert!(!"^0.2.1".parse::<VersionReq>().unwrap().matches("0.3.0"));
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A version read for comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Version {
    release: Vec<u64>,
    /// -1 for a pre-release, 1 for a post-release, else 0.
    tag: i8,
}

impl Version {
    fn parse(s: &str) -> Option<Version> {
        let s = s.trim().trim_start_matches(['v', 'V']);
        let s = s.split('+').next().unwrap_or(s);
        let mut release = Vec::new();
        let mut rest = s;
        loop {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                break;
            }
            release.push(rest[..digits].parse().ok()?);
            rest = &rest[digits..];
            match rest.strip_prefix('.') {
                Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
                _ => break,
            }
        }
        if release.is_empty() {
            return None;
        }
        let tail = rest
            .trim_start_matches(['.', '-', '_'])
            .to_ascii_lowercase();
        // `.post1` sorts after the release; any other tag (`-rc.1`, `b1`, `.dev3`) before it.
        let tag = if tail.is_empty() {
            0
        } else if tail.starts_with("post") {
            1
        } else {
            -1
        };
        Some(Version { release, tag })
    }

    fn cmp(&self, other: &Version) -> Ordering {
        let n = self.release.len().max(other.release.len());
        for i in 0..n {
            let a = self.release.get(i).copied().unwrap_or(0);
            let b = other.release.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        self.tag.cmp(&other.tag)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Clause {
    Cmp(Ordering, bool, Version),
    Ne(Version),
    Prefix(Vec<u64>),
    Any,
}

/// A version range (see the module documentation for its syntax).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionReq {
    text: String,
    clauses: Vec<Clause>,
}

/// A version range that does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid version range `{0}`: {1}")]
pub struct VersionReqError(String, String);

impl FromStr for VersionReq {
    type Err = VersionReqError;

    fn from_str(text: &str) -> Result<VersionReq, VersionReqError> {
        let bad = |why: &str| VersionReqError(text.to_string(), why.to_string());
        // Join an operator written apart from its version (`>= 3.0`).
        let mut tokens: Vec<String> = Vec::new();
        for t in text.split([',', ' ']).filter(|t| !t.is_empty()) {
            match tokens.last_mut() {
                Some(last) if last.chars().all(|c| "<>=!^~".contains(c)) => last.push_str(t),
                _ => tokens.push(t.to_string()),
            }
        }
        if tokens.is_empty() {
            return Err(bad("it is empty"));
        }
        let version =
            |v: &str| Version::parse(v).ok_or_else(|| bad(&format!("`{v}` is not a version")));
        let mut clauses = Vec::new();
        for t in &tokens {
            let t = t.as_str();
            let clause = if t == "*" {
                Clause::Any
            } else if let Some(prefix) = t.trim_start_matches(['=', 'v']).strip_suffix(".*") {
                Clause::Prefix(version(prefix)?.release)
            } else if let Some(v) = t.strip_prefix(">=") {
                Clause::Cmp(Ordering::Greater, true, version(v)?)
            } else if let Some(v) = t.strip_prefix("<=") {
                Clause::Cmp(Ordering::Less, true, version(v)?)
            } else if let Some(v) = t.strip_prefix("!=") {
                Clause::Ne(version(v)?)
            } else if let Some(v) = t.strip_prefix('>') {
                Clause::Cmp(Ordering::Greater, false, version(v)?)
            } else if let Some(v) = t.strip_prefix('<') {
                // `<4` leaves out 4's pre-releases too (as Cargo and npm read it).
                let mut bound = version(v)?;
                if bound.tag == 0 {
                    bound.tag = -1;
                }
                Clause::Cmp(Ordering::Less, false, bound)
            } else if let Some(v) = t.strip_prefix('^') {
                let low = version(v)?;
                // The leftmost non-zero segment stays (`^0.2.1` < 0.3.0, `^1.2` < 2.0.0).
                let keep = low
                    .release
                    .iter()
                    .position(|&n| n != 0)
                    .unwrap_or(low.release.len() - 1);
                clauses.push(Clause::Cmp(Ordering::Greater, true, low.clone()));
                Clause::Cmp(Ordering::Less, false, bump(&low.release, keep))
            } else if let Some(v) = t.strip_prefix('~') {
                let low = version(v.trim_start_matches('='))?;
                let keep = if low.release.len() > 1 { 1 } else { 0 };
                clauses.push(Clause::Cmp(Ordering::Greater, true, low.clone()));
                Clause::Cmp(Ordering::Less, false, bump(&low.release, keep))
            } else {
                let v = t.trim_start_matches('=');
                Clause::Cmp(Ordering::Equal, true, version(v)?)
            };
            clauses.push(clause);
        }
        Ok(VersionReq {
            text: text.trim().to_string(),
            clauses,
        })
    }
}

/// The smallest release above every version that keeps segments `..=keep` (a pre-release of
/// it, so that `<2.0.0` also excludes `2.0.0-rc.1`).
fn bump(release: &[u64], keep: usize) -> Version {
    let mut r: Vec<u64> = release[..=keep].to_vec();
    r[keep] += 1;
    Version {
        release: r,
        tag: -1,
    }
}

impl VersionReq {
    /// `true` when `version` is in the range. A version that cannot be read matches only `*`.
    pub fn matches(&self, version: &str) -> bool {
        let Some(v) = Version::parse(version) else {
            return self.clauses.iter().all(|c| *c == Clause::Any);
        };
        self.clauses.iter().all(|c| match c {
            Clause::Any => true,
            Clause::Ne(x) => v.cmp(x) != Ordering::Equal,
            Clause::Prefix(p) => v.release.len() >= p.len() && v.release[..p.len()] == p[..],
            Clause::Cmp(Ordering::Equal, _, x) => v.cmp(x) == Ordering::Equal,
            Clause::Cmp(dir, inclusive, x) => {
                let o = v.cmp(x);
                o == *dir || (*inclusive && o == Ordering::Equal)
            }
        })
    }
}

impl fmt::Display for VersionReq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(req: &str, v: &str) -> bool {
        req.parse::<VersionReq>().unwrap().matches(v)
    }

    #[test]
    fn ranges_across_ecosystems() {
        assert!(m("3.*", "3.1.0") && !m("3.*", "30.1"));
        assert!(m(">= 1.2, < 1.3", "1.2.10") && !m(">=1.2 <1.3", "1.3.0"));
        assert!(m("^1.2", "1.9.0") && !m("^1.2", "2.0.0-rc.1") && !m("^1.2", "1.1.9"));
        assert!(m("~1.2.3", "1.2.9") && !m("~1.2.3", "1.3.0"));
        assert!(m("=2.0.0", "2.0") && m("2.0.0", "v2.0.0") && !m("2.0.0", "2.0.0-beta.1"));
        assert!(m("!=1.0.1", "1.0.2") && !m("!=1.0.1", "1.0.1"));
        // PEP 440: pre-releases before the release, post-releases after.
        assert!(m("<=2.0", "2.0b1") && m(">2.0", "2.0.post1") && m(">=2026.1", "2026.10.18"));
        // An exclusive upper bound leaves out its own pre-releases (PEP 440, Cargo, npm).
        assert!(!m("<2.0", "2.0b1") && m("<2.0", "1.9.9"));
        assert!(m("*", "git-abc") && !m(">=1", "git-abc"));
        assert!(">=".parse::<VersionReq>().is_err());
        assert!("one".parse::<VersionReq>().is_err());
        assert!("".parse::<VersionReq>().is_err());
    }
}

//! PEP 508 dependency specifiers (`name[extra]>=1.0; python_version < "3.8"`), as far as a
//! license inventory needs them: the name, the extras, the version specifier, a direct URL and the
//! environment marker.
//!
//! See <https://packaging.python.org/en/latest/specifications/dependency-specifiers/>.

/// One dependency specifier, split into its parts (each trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Requirement<'a> {
    /// The project name as written.
    pub name: &'a str,
    /// Extras asked for (`requests[socks]`).
    pub extras: Vec<&'a str>,
    /// The version specifier (`>=1.0,<2`, `==2.31.0`), empty when none.
    pub spec: &'a str,
    /// The direct reference of `name @ URL`.
    pub url: Option<&'a str>,
    /// The environment marker after `;`.
    pub marker: Option<&'a str>,
}

impl<'a> Requirement<'a> {
    /// Parses one specifier; the error says what is wrong, for a problem message.
    pub fn parse(text: &'a str) -> Result<Requirement<'a>, String> {
        let s = text.trim();
        let name_end = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
            .unwrap_or(s.len());
        let name = &s[..name_end];
        if !super::is_project_name(name) {
            return Err(if name.is_empty() {
                "no project name".to_string()
            } else {
                format!("`{name}` is not a valid project name")
            });
        }
        let mut rest = s[name_end..].trim_start();
        let mut extras = Vec::new();
        if let Some(after) = rest.strip_prefix('[') {
            let Some(close) = after.find(']') else {
                return Err("unclosed `[` of the extras".to_string());
            };
            extras = after[..close]
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .collect();
            rest = after[close + 1..].trim_start();
        }
        let (mut spec, mut url) = ("", None);
        let marker;
        if let Some(after) = rest.strip_prefix('@') {
            // A URL may hold `;`: the marker starts at a `;` preceded by white space.
            let after = after.trim_start();
            let (u, m) = match after.find(" ;").or_else(|| after.find("\t;")) {
                Some(i) => (&after[..i], Some(&after[i + 2..])),
                None => (after, None),
            };
            if u.trim().is_empty() {
                return Err("`@` without a URL".to_string());
            }
            url = Some(u.trim());
            marker = m;
        } else {
            let (sp, m) = match rest.split_once(';') {
                Some((sp, m)) => (sp, Some(m)),
                None => (rest, None),
            };
            spec = sp.trim();
            marker = m;
            if let Some(bad) = spec
                .chars()
                .next()
                .filter(|c| !matches!(c, '=' | '<' | '>' | '!' | '~' | '('))
            {
                return Err(format!("unexpected `{bad}` after the project name"));
            }
        }
        let marker = marker.map(str::trim).filter(|m| !m.is_empty());
        Ok(Requirement {
            name,
            extras,
            spec,
            url,
            marker,
        })
    }

    /// The version when the specifier pins exactly one (`==1.2.3`, `===1.2.3`).
    pub fn pinned(&self) -> Option<&'a str> {
        pinned(self.spec)
    }
}

/// The version a specifier pins: one clause `==V` or `===V` without a wildcard.
pub(crate) fn pinned(spec: &str) -> Option<&str> {
    let s = spec.trim();
    let s = s
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(s)
        .trim();
    if s.contains(',') {
        return None;
    }
    let v = s
        .strip_prefix("===")
        .or_else(|| s.strip_prefix("=="))?
        .trim();
    (!v.is_empty() && !v.contains(['*', ' ', '<', '>', '=', '!'])).then_some(v)
}

/// Name and version of a wheel or sdist file name (`six-1.16.0-py2.py3-none-any.whl`,
/// `Django-4.2.tar.gz`), the last path or URL segment of `location`.
pub(crate) fn archive_name_version(location: &str) -> Option<(&str, &str)> {
    let base = location.split(['#', '?']).next()?;
    let file = base.rsplit(['/', '\\']).next()?;
    if let Some(stem) = file.strip_suffix(".whl") {
        // {name}-{version}(-{build})?-{python}-{abi}-{platform}; the name holds no `-`.
        let mut parts = stem.split('-');
        let (name, version) = (parts.next()?, parts.next()?);
        return (parts.count() >= 3 && !name.is_empty() && !version.is_empty())
            .then_some((name, version));
    }
    let stem = [".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz"]
        .iter()
        .find_map(|ext| file.strip_suffix(ext))?;
    // The version starts at the last `-` followed by a digit.
    let i = stem
        .match_indices('-')
        .filter(|(i, _)| stem[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|(i, _)| i)
        .next_back()?;
    let (name, version) = (&stem[..i], &stem[i + 1..]);
    (!name.is_empty() && !version.is_empty()).then_some((name, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_specifier() {
        let r = Requirement::parse(
            "requests[socks, security] >=2.8.1, ==2.8.* ; python_version < \"2.7\"",
        )
        .expect("parses");
        assert_eq!(r.name, "requests");
        assert_eq!(r.extras, ["socks", "security"]);
        assert_eq!(r.spec, ">=2.8.1, ==2.8.*");
        assert_eq!(r.marker, Some("python_version < \"2.7\""));
        assert_eq!(r.pinned(), None);
    }

    #[test]
    fn pins() {
        assert_eq!(pinned("==2.31.0"), Some("2.31.0"));
        assert_eq!(pinned("=== 1.0+local"), Some("1.0+local"));
        assert_eq!(pinned("(==1.0)"), Some("1.0"));
        assert_eq!(pinned("==1.*"), None);
        assert_eq!(pinned(">=1.0"), None);
        assert_eq!(pinned("==1.0,!=1.0.1"), None);
        assert_eq!(pinned(""), None);
    }

    #[test]
    fn url_and_errors() {
        let r = Requirement::parse("pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; python_version >= '3'")
            .expect("parses");
        assert_eq!(
            r.url,
            Some("https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee")
        );
        assert_eq!(r.marker, Some("python_version >= '3'"));
        assert!(Requirement::parse("").is_err());
        assert!(Requirement::parse("-foo").is_err());
        assert!(Requirement::parse("foo[bar").is_err());
        assert!(Requirement::parse("foo @ ").is_err());
        assert!(Requirement::parse("foo 1.0").is_err());
        assert_eq!(Requirement::parse("Foo.Bar").map(|r| r.spec), Ok(""));
    }

    #[test]
    fn archive_names() {
        assert_eq!(
            archive_name_version("./wheels/six-1.16.0-py2.py3-none-any.whl"),
            Some(("six", "1.16.0"))
        );
        assert_eq!(
            archive_name_version("https://x.org/f/python-dateutil-2.9.0.post0.tar.gz#sha256=ab"),
            Some(("python-dateutil", "2.9.0.post0"))
        );
        assert_eq!(archive_name_version("./src/mylib"), None);
        assert_eq!(archive_name_version("foo.whl"), None);
        assert_eq!(archive_name_version("-1.0.zip"), None);
    }
}

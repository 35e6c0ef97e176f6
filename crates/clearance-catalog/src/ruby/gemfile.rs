//! The groups of the gems a `Gemfile` names, read for the scope of a `Gemfile.lock`'s gems.
//!
//! A `Gemfile` is Ruby code. Only the plain forms are read: `group :a, :b do … end` blocks and
//! `gem "name"` lines with an optional `group: :x` / `groups: [:x, :y]` option. A gem whose groups
//! cannot be read (a `group` call with computed arguments, an option that is not a symbol list)
//! counts as in the default group: a doubt never turns a shipped gem into a dev one.

use std::collections::BTreeMap;

/// Groups whose gems only serve development: Bundler's conventional `development` and `test`.
const DEV_GROUPS: &[&str] = &["development", "test"];

/// One open block of the Gemfile.
enum Frame {
    /// `group … do`, with its groups (`None` when they could not be read).
    Group(Option<Vec<String>>),
    /// Any other block (`platforms :jruby do`, `if …`, `source "…" do`).
    Other,
}

/// Symbols of a list such as `:development, :test` or `[:development, "test"]`; `None` when an
/// item is not a plain symbol or string.
fn symbols(s: &str) -> Option<Vec<String>> {
    let s = s.trim().trim_start_matches('[').trim_end_matches(']');
    let mut out = Vec::new();
    for item in s.split(',') {
        let item = item.trim();
        let name = item
            .strip_prefix(':')
            .or_else(|| item.strip_prefix('"').and_then(|i| i.strip_suffix('"')))
            .or_else(|| item.strip_prefix('\'').and_then(|i| i.strip_suffix('\'')))?;
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return None;
        }
        out.push(name.to_string());
    }
    (!out.is_empty()).then_some(out)
}

/// The quoted name at the start of `s` (`"rails"` or `'rails'`) and the rest.
fn quoted(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    let q = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = s.get(1..)?;
    let end = body.find(q)?;
    Some((body.get(..end)?, body.get(end + 1..)?))
}

/// `true` when a line opens a block that a later `end` closes.
fn opens_block(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or_default();
    // A one-line block (`if x then gem "a" end`) closes itself.
    if code.ends_with(" end") || code.ends_with(";end") || code.contains(" } ") {
        return false;
    }
    code.ends_with(" do")
        || code.contains(" do |")
        || matches!(
            first,
            "if" | "unless" | "case" | "begin" | "while" | "until" | "def" | "class" | "module"
        )
}

/// For each gem the `Gemfile` names, `true` when every group it is named in is a dev group
/// (`development`, `test`). Gems named several times count once in each place.
pub(super) fn dev_only_gems(text: &str) -> BTreeMap<String, bool> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut out: BTreeMap<String, bool> = BTreeMap::new();
    for raw in text.lines() {
        // Drop a trailing comment (a `#` outside quotes is rare in Gemfiles; `#{}` is code).
        let code = raw.split(" #").next().unwrap_or(raw).trim();
        if code.is_empty() || code.starts_with('#') {
            continue;
        }
        if code == "end" || code.starts_with("end ") || code.starts_with("end.") {
            // An `end` without a block: the blocks were misread, so no group can be trusted.
            if stack.pop().is_none() {
                return BTreeMap::new();
            }
            continue;
        }
        if let Some(args) = code
            .strip_prefix("group ")
            .or_else(|| code.strip_prefix("group("))
            .and_then(|rest| {
                rest.strip_suffix(" do").or_else(|| {
                    rest.split(" do |")
                        .next()
                        .filter(|_| rest.contains(" do |"))
                })
            })
        {
            let args = args.trim().trim_end_matches(')');
            // `group :test, optional: true do`: options are not groups.
            let groups: String = args
                .split(',')
                .filter(|a| !a.contains(':') || a.trim().starts_with(':'))
                .filter(|a| !a.contains(": "))
                .collect::<Vec<_>>()
                .join(",");
            stack.push(Frame::Group(symbols(&groups)));
            continue;
        }
        if let Some(rest) = code
            .strip_prefix("gem ")
            .or_else(|| code.strip_prefix("gem("))
            && let Some((name, options)) = quoted(rest)
        {
            let mut groups: Option<Vec<String>> = Some(Vec::new());
            for frame in &stack {
                if let Frame::Group(g) = frame {
                    match (g, groups.as_mut()) {
                        (Some(g), Some(all)) => all.extend(g.iter().cloned()),
                        _ => groups = None,
                    }
                }
            }
            for key in ["group:", "groups:", ":group =>", ":groups =>"] {
                if let Some(at) = options.find(key) {
                    let value = options.get(at + key.len()..).unwrap_or_default();
                    // The value runs to the next option (`, key:`) or the end.
                    let value = value
                        .find("],")
                        .map_or(value, |i| value.get(..=i).unwrap_or(value));
                    let value = if value.trim_start().starts_with('[') {
                        value
                    } else {
                        value.split(',').next().unwrap_or_default()
                    };
                    match (symbols(value.trim_end_matches(')')), groups.as_mut()) {
                        (Some(g), Some(all)) => all.extend(g),
                        _ => groups = None,
                    }
                }
            }
            let dev = groups.is_some_and(|g| {
                !g.is_empty() && g.iter().all(|x| DEV_GROUPS.contains(&x.as_str()))
            });
            out.entry(name.to_string())
                .and_modify(|d| *d = *d && dev)
                .or_insert(dev);
            if opens_block(code) {
                stack.push(Frame::Other);
            }
            continue;
        }
        if opens_block(code) {
            stack.push(Frame::Other);
        }
    }
    // A block left open: the blocks were misread, so no group can be trusted.
    if !stack.is_empty() {
        return BTreeMap::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups() {
        let text = r#"source "https://rubygems.org"

gem "rails", "~> 7.1.2"
gem "puma", ">= 5.0" # the app server
gem "debug", platforms: %i[mri windows], group: :development
gem "rubocop", require: false, groups: [:development, :test]
gem "pg", group: :production

group :development, :test do
  gem "rspec-rails"
  platforms :mri do
    gem "byebug"
  end
  if ENV["CI"]
    gem "simplecov"
  end
end

group :test do
  gem "capybara"
  gem "rails"
end

group ENV.fetch("EXTRA", "x").to_sym do
  gem "mystery"
end

gem "sidekiq"
gem "lookbook", group: GROUPS
"#;
        let got = dev_only_gems(text);
        let expect = [
            ("byebug", true),
            ("capybara", true),
            ("debug", true),
            ("lookbook", false),
            ("mystery", false),
            ("pg", false),
            ("puma", false),
            ("rails", false),
            ("rspec-rails", true),
            ("rubocop", true),
            ("sidekiq", false),
            ("simplecov", true),
        ];
        let got: Vec<(&str, bool)> = got.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn unbalanced_blocks_trust_no_group() {
        let text = "group :test do\n  if ENV['X'] then gem 'a' end\nend\ngem 'rails'\n";
        assert_eq!(dev_only_gems(text).get("rails"), Some(&false));
        // A gem named inside a one-line `if` is not read: it stays in the default group.
        assert_eq!(dev_only_gems(text).get("a"), None);
        let text = "group :test do\n  gem 'minitest'\n";
        assert!(dev_only_gems(text).is_empty());
        let text = "group :test do\n  gem 'minitest'\nend\nend\n";
        assert!(dev_only_gems(text).is_empty());
    }

    #[test]
    fn symbol_lists() {
        assert_eq!(
            symbols(":development, :test"),
            Some(vec!["development".to_string(), "test".to_string()])
        );
        assert_eq!(symbols("[:test, 'ci']").map(|v| v.len()), Some(2));
        assert_eq!(symbols("GROUPS"), None);
        assert_eq!(symbols(""), None);
        assert_eq!(quoted("'rails', '7'"), Some(("rails", ", '7'")));
        assert_eq!(quoted("rails"), None);
    }
}

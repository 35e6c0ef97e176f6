//! The third-party notices file: what a product passes on to meet the attribution obligations
//! of the components it ships.
//!
//! Grouped by license; each distinct license text is given once (the text as the components
//! carry it, copyright lines left out, or the SPDX list's text when a component carries none),
//! followed by the components it applies to, each with its copyright lines and the contents of
//! its own `NOTICE` files. Components whose license is unknown are listed apart, so the file
//! never hides them. Deterministic: sorted throughout, no date.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use clearance_model::{Component, FileRecord, Origin};
use clearance_policy::attribution::{license_text_of, normalise, notice_files_of};

use crate::Assessment;

/// The layout of a notices file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// A license text and the components it applies to.
struct Variant<'a> {
    text: Option<String>,
    from_spdx: bool,
    components: Vec<&'a Component>,
}

/// One license (term) and its text variants.
struct Group<'a> {
    license: String,
    variants: Vec<Variant<'a>>,
}

/// What goes in the file.
struct Contents<'a> {
    groups: Vec<Group<'a>>,
    unknown: Vec<&'a Component>,
    files: HashMap<&'a str, &'a FileRecord>,
}

fn contents<'a>(a: &'a Assessment<'_>) -> Contents<'a> {
    let files: HashMap<&str, &FileRecord> = a
        .inventory
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    let mut by_license: BTreeMap<String, Vec<(Option<String>, &Component)>> = BTreeMap::new();
    let mut unknown = Vec::new();
    for (c, e) in a.inventory.components.iter().zip(&a.evaluations) {
        let Some(e) = e else { continue };
        // What does not ship needs no notice: other scopes, build tools.
        if c.origin == Origin::FirstParty
            || !e.ships
            || e.linking == Some(clearance_policy::obligations::Linking::Tool)
        {
            continue;
        }
        let Some(chosen) = &e.chosen else {
            unknown.push(c);
            continue;
        };
        for t in chosen.terms() {
            let own = license_text_of(c, &t.license, &files);
            by_license.entry(t.to_string()).or_default().push((own, c));
        }
    }
    let groups = by_license
        .into_iter()
        .map(|(license, members)| {
            // One variant per distinct text (compared normalised), in the order of the first
            // component that carries it; the SPDX text for those that carry none.
            let mut variants: Vec<(String, Variant)> = Vec::new();
            let mut without = Vec::new();
            for (own, c) in members {
                match own {
                    Some(text) => {
                        let key = normalise(&text, false);
                        match variants.iter_mut().find(|(k, _)| *k == key) {
                            Some((_, v)) => v.components.push(c),
                            None => variants.push((
                                key,
                                Variant {
                                    text: Some(text),
                                    from_spdx: false,
                                    components: vec![c],
                                },
                            )),
                        }
                    }
                    None => without.push(c),
                }
            }
            let mut variants: Vec<Variant> = variants.into_iter().map(|(_, v)| v).collect();
            if !without.is_empty() {
                variants.push(Variant {
                    text: spdx_text(&license),
                    from_spdx: true,
                    components: without,
                });
            }
            Group { license, variants }
        })
        .collect();
    Contents {
        groups,
        unknown,
        files,
    }
}

/// The SPDX list's text of a term: its license, then its exception.
fn spdx_text(term: &str) -> Option<String> {
    let (license, exception) = match term.split_once(" WITH ") {
        Some((l, x)) => (l, Some(x)),
        None => (term, None),
    };
    let license = license.trim_end_matches('+');
    let mut text = spdx::license_id(license)?.text().trim().to_string();
    if let Some(x) = exception {
        text.push_str("\n\n");
        text.push_str(spdx::exception_id(x)?.text().trim());
    }
    Some(text)
}

fn label(c: &Component) -> String {
    match &c.version {
        Some(v) => format!("{} {v}", c.name),
        None => c.name.clone(),
    }
}

/// Renders the notices file of an assessed product. `product` names it in the title.
pub fn notice(a: &Assessment<'_>, product: &str, format: NoticeFormat) -> String {
    let n = contents(a);
    match format {
        NoticeFormat::Text => text(&n, product),
        NoticeFormat::Markdown => markdown(&n, product),
        NoticeFormat::Html => html(&n, product),
    }
}

const INTRO: &str = "This product includes the third-party software listed below. Each license's \
text is given once, followed by the components it applies to, with their copyright notices and \
the contents of their NOTICE files.";

const UNKNOWN: &str = "The license of these components could not be determined; their \
attribution must be completed by hand.";

fn rule(c: char) -> String {
    std::iter::repeat_n(c, 78).collect()
}

fn text(n: &Contents<'_>, product: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Third-party notices for {product}\n\n{INTRO}\n");
    for g in &n.groups {
        let _ = writeln!(s, "{}\n{}\n{}\n", rule('='), g.license, rule('='));
        for v in &g.variants {
            for c in &v.components {
                text_entry(&mut s, c, &n.files);
            }
            let _ = writeln!(s, "{}\n", rule('-'));
            match &v.text {
                Some(t) => {
                    let _ = writeln!(s, "{}\n", t.trim_end());
                }
                None => {
                    let _ = writeln!(
                        s,
                        "(no text of {} is known; see the components' own files)\n",
                        g.license
                    );
                }
            }
        }
    }
    if !n.unknown.is_empty() {
        let _ = writeln!(
            s,
            "{}\nLicense unknown\n{}\n\n{UNKNOWN}\n",
            rule('='),
            rule('=')
        );
        for c in &n.unknown {
            text_entry(&mut s, c, &n.files);
        }
    }
    s
}

/// One component in the text layout: name, purl, copyright lines, NOTICE contents.
fn text_entry(s: &mut String, c: &Component, files: &HashMap<&str, &FileRecord>) {
    let _ = writeln!(s, "{} ({})", label(c), c.purl);
    for line in &c.copyrights {
        let _ = writeln!(s, "    {line}");
    }
    for (path, body) in notice_files_of(c, files) {
        let _ = writeln!(s, "\n    NOTICE ({path}):\n");
        for line in body.trim_end().lines() {
            let _ = writeln!(s, "    {line}");
        }
    }
    s.push('\n');
}

/// A fence longer than any run of backticks in `body`.
fn fence(body: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for ch in body.chars() {
        if ch == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

fn fenced(s: &mut String, body: &str) {
    let f = fence(body);
    let _ = writeln!(s, "{f}text\n{}\n{f}\n", body.trim_end());
}

fn markdown(n: &Contents<'_>, product: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Third-party notices for {product}\n\n{INTRO}\n");
    for g in &n.groups {
        let _ = writeln!(s, "## {}\n", g.license);
        for v in &g.variants {
            for c in &v.components {
                markdown_entry(&mut s, c, &n.files);
            }
            let names: Vec<String> = v.components.iter().map(|c| label(c)).collect();
            let _ = writeln!(
                s,
                "#### {} text{} ({})\n",
                g.license,
                if v.from_spdx && v.text.is_some() {
                    ", as on the SPDX list"
                } else {
                    ""
                },
                names.join(", ")
            );
            match &v.text {
                Some(t) => fenced(&mut s, t),
                None => {
                    let _ = writeln!(
                        s,
                        "No text of {} is known; see the components' own files.\n",
                        g.license
                    );
                }
            }
        }
    }
    if !n.unknown.is_empty() {
        let _ = writeln!(s, "## License unknown\n\n{UNKNOWN}\n");
        for c in &n.unknown {
            markdown_entry(&mut s, c, &n.files);
        }
    }
    s
}

/// One component in the Markdown layout.
fn markdown_entry(s: &mut String, c: &Component, files: &HashMap<&str, &FileRecord>) {
    let _ = writeln!(s, "### {} (`{}`)\n", label(c), c.purl);
    if !c.copyrights.is_empty() {
        fenced(s, &c.copyrights.join("\n"));
    }
    for (path, body) in notice_files_of(c, files) {
        let _ = writeln!(s, "NOTICE (`{path}`):\n");
        fenced(s, body);
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// An HTML id for a license group.
fn anchor(license: &str) -> String {
    let id: String = license
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("license-{id}")
}

fn html(n: &Contents<'_>, product: &str) -> String {
    let mut s = String::new();
    let title = format!("Third-party notices for {}", esc(product));
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>\n\
         body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; }}\n\
         pre {{ white-space: pre-wrap; background: #f6f6f6; padding: 0.8em; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>",
        esc(INTRO)
    );
    let _ = writeln!(s, "<ul>");
    for g in &n.groups {
        let count: usize = g.variants.iter().map(|v| v.components.len()).sum();
        let _ = writeln!(
            s,
            "<li><a href=\"#{}\">{}</a> ({count})</li>",
            anchor(&g.license),
            esc(&g.license)
        );
    }
    if !n.unknown.is_empty() {
        let _ = writeln!(
            s,
            "<li><a href=\"#license-unknown\">License unknown</a> ({})</li>",
            n.unknown.len()
        );
    }
    let _ = writeln!(s, "</ul>");
    for g in &n.groups {
        let _ = writeln!(
            s,
            "<h2 id=\"{}\">{}</h2>",
            anchor(&g.license),
            esc(&g.license)
        );
        for v in &g.variants {
            let _ = writeln!(s, "<ul>");
            for c in &v.components {
                html_entry(&mut s, c, &n.files);
            }
            let _ = writeln!(s, "</ul>");
            match &v.text {
                Some(t) => {
                    let _ = writeln!(s, "<pre>{}</pre>", esc(t.trim_end()));
                }
                None => {
                    let _ = writeln!(
                        s,
                        "<p>No text of {} is known; see the components' own files.</p>",
                        esc(&g.license)
                    );
                }
            }
        }
    }
    if !n.unknown.is_empty() {
        let _ = writeln!(
            s,
            "<h2 id=\"license-unknown\">License unknown</h2>\n<p>{}</p>\n<ul>",
            esc(UNKNOWN)
        );
        for c in &n.unknown {
            html_entry(&mut s, c, &n.files);
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(s, "</body>\n</html>");
    s
}

/// One component in the HTML layout: a list item.
fn html_entry(s: &mut String, c: &Component, files: &HashMap<&str, &FileRecord>) {
    let _ = writeln!(
        s,
        "<li><strong>{}</strong> <code>{}</code>",
        esc(&label(c)),
        esc(&c.purl)
    );
    if !c.copyrights.is_empty() {
        let _ = writeln!(s, "<pre>{}</pre>", esc(&c.copyrights.join("\n")));
    }
    for (path, body) in notice_files_of(c, files) {
        let _ = writeln!(
            s,
            "<p>NOTICE (<code>{}</code>):</p>\n<pre>{}</pre>",
            esc(path),
            esc(body.trim_end())
        );
    }
    let _ = writeln!(s, "</li>");
}

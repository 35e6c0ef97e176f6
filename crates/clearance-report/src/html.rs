//! The HTML due-diligence report: one self-contained file (inline CSS, inline SVG charts, a
//! little inline JavaScript) that opens offline and prints, written for readers who are not
//! license specialists as much as for those who are.
//!
//! Sections: an executive summary (the verdict in plain words, counts by verdict, license and
//! license category, with charts), the risk by directory (where the copyleft is, where licenses
//! are unknown, where code was copied in without a manifest), the violations, a sortable and
//! searchable component table, one section per component with its evidence and obligations, the
//! product's own files under another license, and the problems and skipped files.
//!
//! Everything that comes from the scanned tree is escaped. The output is deterministic.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use clearance_model::{Component, Ecosystem, Origin};
use clearance_policy::diagnostics::Code;
use clearance_policy::kb::{self, Category};
use clearance_policy::obligations::{Kind, Trigger};
use clearance_policy::{Evaluation, Verdict};

use crate::gate::Gate;
use crate::violations::{Location, Violation};
use crate::{Assessment, license_label, word};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// How many licenses the license chart shows before grouping the rest as "other".
const TOP_LICENSES: usize = 10;

/// Directory names under which each second-level directory is a package of its own.
const VENDOR_DIRS: &[&str] = &[
    "vendor",
    "vendored",
    "third_party",
    "third-party",
    "thirdparty",
    "3rdparty",
    "external",
    "extern",
    "deps",
    "node_modules",
    "site-packages",
    "libs",
];

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A sentence of clearance's (which may quote names from the tree in backticks): escaped, with
/// each `quoted` part shown as code.
fn prose(s: &str) -> String {
    let escaped = esc(s);
    if escaped.matches('`').count() < 2 {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    let mut parts = escaped.split('`');
    let count = escaped.matches('`').count();
    // With an odd number of backticks the last one stays as it is.
    let pairs = count / 2;
    out.push_str(parts.next().unwrap_or(""));
    for (i, part) in parts.enumerate() {
        if i < pairs * 2 {
            out.push_str(if i % 2 == 0 { "<code>" } else { "</code>" });
        } else {
            out.push('`');
        }
        out.push_str(part);
    }
    out
}

/// The anchor of the component at `index` of the inventory.
fn anchor(index: usize) -> String {
    format!("component-{}", index + 1)
}

fn verdict_class(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Fail) => "fail",
        Some(Verdict::Review) => "review",
        Some(Verdict::Pass) => "pass",
        None => "not-judged",
    }
}

/// A verdict in plain words, for one component.
fn verdict_words(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Fail) => "Fails the policy: may not be distributed as is",
        Some(Verdict::Review) => "Needs a person's review before release",
        Some(Verdict::Pass) => "Meets the policy",
        None => "The product's own code (not judged)",
    }
}

fn verdict_short(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Fail) => "fail",
        Some(Verdict::Review) => "review",
        Some(Verdict::Pass) => "pass",
        None => "not judged",
    }
}

/// Sort key of a verdict in the component table: the worst first.
fn verdict_rank(v: Option<Verdict>) -> u8 {
    match v {
        Some(Verdict::Fail) => 0,
        Some(Verdict::Review) => 1,
        Some(Verdict::Pass) => 2,
        None => 3,
    }
}

fn badge(v: Option<Verdict>) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        verdict_class(v),
        verdict_short(v)
    )
}

fn category_title(c: Category) -> &'static str {
    match c {
        Category::PublicDomain => "Public domain",
        Category::Permissive => "Permissive",
        Category::WeakCopyleft => "Weak copyleft",
        Category::StrongCopyleft => "Strong copyleft",
        Category::NetworkCopyleft => "Network copyleft",
        Category::SourceAvailable => "Source available",
        Category::NonCommercial => "Non-commercial",
        Category::Proprietary => "Proprietary",
        Category::Unknown => "Unknown",
    }
}

fn category_words(c: Category) -> &'static str {
    match c {
        Category::PublicDomain => "no conditions: dedicated to the public domain",
        Category::Permissive => "may be used, changed and shipped freely, with attribution",
        Category::WeakCopyleft => {
            "changes to the component itself must be shared under the same license"
        }
        Category::StrongCopyleft => {
            "the whole product may have to be shared as source under the same license when distributed"
        }
        Category::NetworkCopyleft => {
            "the source must be offered even to users who only use the product over a network"
        }
        Category::SourceAvailable => "source is visible but use is restricted",
        Category::NonCommercial => "commercial use is not allowed",
        Category::Proprietary => "proprietary or commercial terms apply",
        Category::Unknown => "the license could not be determined or classified",
    }
}

/// What a diagnostic code means, in plain words.
fn code_words(code: Code) -> &'static str {
    match code {
        Code::LicenseDenied => "The policy forbids this license",
        Code::LicenseReview => "The policy asks a person to review this license",
        Code::LicenseUnlisted => "The policy does not say whether this license is acceptable",
        Code::LicenseUnknown => "The license could not be determined",
        Code::ExpiredException => "The exception that allowed this license has expired",
        Code::LicenseConflict => "The declared license and the license files disagree",
        Code::LicenseModified => "The license text was changed from the standard text",
        Code::IncompatibleLicense => "This license cannot be combined with the product's license",
        Code::ForeignLicense => "A file of the product's own code carries another license",
        Code::MissingAttribution => {
            "Its copyright notices are missing from the product's third-party notices"
        }
        Code::MissingLicenseText => {
            "Its license text is missing from the product's third-party notices"
        }
        Code::MissingNoticeContent => {
            "Its NOTICE file is missing from the product's third-party notices"
        }
        Code::MissingSourceOffer => {
            "The license requires a source offer and the product declares none"
        }
        Code::NoNoticesFile => "The product has no third-party notices file",
        Code::UnusedException => "A policy exception applies to no component",
        Code::UnusedClarification => "A policy clarification applies to no component",
        Code::StaleClarification => "A policy clarification was made for a file that changed",
        _ => "A problem with the policy file",
    }
}

fn kind_words(k: Kind) -> &'static str {
    match k {
        Kind::Attribution => "Keep the copyright notices",
        Kind::LicenseText => "Give recipients the license text",
        Kind::NoticeFile => "Pass on the contents of the component's NOTICE file",
        Kind::StateChanges => "Mark modified files as changed",
        Kind::DiscloseSource => "Make the component's source code (and changes) available",
        Kind::NetworkSource => "Offer the source to users who use it over a network",
        Kind::Relinking => "Let users relink the product with a modified version of the library",
        Kind::NoEndorsement => "Do not use the authors' names to promote the product",
        Kind::PatentTerms => "Patent license ends on patent litigation",
    }
}

fn trigger_words(t: Trigger) -> &'static str {
    match t {
        Trigger::Distribution => "when the product is given to others",
        Trigger::Network => "when users interact with the product over a network",
        Trigger::StaticLinking => "when linked statically and distributed",
        Trigger::Always => "always",
    }
}

/// The license category of a component, for summaries: the most restrictive category of the
/// licenses it is complied with under (the side of an `OR` chosen), else of its concluded
/// license; `Unknown` when none. A term the policy decided through a `category:` entry has the
/// policy's category (which `[categories]` may override), else the knowledge base's.
fn category_of(c: &Component, e: Option<&Evaluation>) -> Category {
    let Some(expr) = e
        .and_then(|e| e.chosen.as_ref())
        .or(c.concluded.expression.as_ref())
    else {
        return Category::Unknown;
    };
    expr.terms()
        .into_iter()
        .map(|t| {
            e.and_then(|e| {
                e.terms
                    .iter()
                    .find(|r| r.category.is_some() && r.expression.terms() == [t])
                    .and_then(|r| r.category)
            })
            .unwrap_or_else(|| kb::category_of_term(t))
        })
        .max()
        .unwrap_or(Category::Unknown)
}

/// The path a component is found at: its first root, else its first manifest.
fn path_of(c: &Component) -> &str {
    match c.roots.first() {
        Some(r) => r,
        None => c.sources.first().map_or("", |s| s.path.as_str()),
    }
}

/// The directory group of a path for the risk view: its top-level directory, or the first two
/// levels under a vendoring directory (`third_party/zlib`); `.` for the root.
fn group_of(path: &str, is_dir: bool) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    // For a file, its last part is not a directory.
    let dirs = if is_dir {
        &parts[..]
    } else {
        &parts[..parts.len().saturating_sub(1)]
    };
    match dirs {
        [] => ".".to_string(),
        [first, second, ..] if VENDOR_DIRS.contains(first) => format!("{first}/{second}"),
        [first, ..] => (*first).to_string(),
    }
}

fn location(l: &Location) -> String {
    match (l.start_line, l.end_line) {
        (Some(s), Some(e)) if e != s => format!("{}:{s}-{e}", l.path),
        (Some(s), _) => format!("{}:{s}", l.path),
        _ => l.path.clone(),
    }
}

fn at(path: &str, line: Option<u32>) -> String {
    line.map_or_else(|| path.to_string(), |l| format!("{path}:{l}"))
}

fn none(s: &mut String, text: &str) {
    let _ = writeln!(s, "<p class=\"none\">{}</p>", esc(text));
}

/// A horizontal bar chart as inline SVG: one row per `(label, count, class)`.
fn bar_chart(title: &str, rows: &[(String, usize, String)]) -> String {
    const ROW: usize = 22;
    const LABEL: usize = 190;
    const BAR: usize = 260;
    const WIDTH: usize = LABEL + BAR + 50;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let height = ROW * rows.len().max(1) + 4;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<figure class=\"chart\"><h3>{t}</h3>\n<svg width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-label=\"{t}\">",
        t = esc(title)
    );
    if rows.is_empty() {
        let _ = writeln!(s, "<text x=\"0\" y=\"16\">none</text>");
    }
    for (i, (label, n, class)) in rows.iter().enumerate() {
        let y = i * ROW + 2;
        let w = (n * BAR).div_ceil(max).max(usize::from(*n > 0) * 2);
        let short: String = if label.chars().count() > 28 {
            label.chars().take(27).chain(['…']).collect()
        } else {
            label.clone()
        };
        let _ = writeln!(
            s,
            "<g><title>{full}: {n}</title><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{short}</text>\
             <rect class=\"bar {class}\" x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{bh}\"/>\
             <text x=\"{nx}\" y=\"{ty}\">{n}</text></g>",
            full = esc(label),
            lx = LABEL - 6,
            ty = y + 14,
            short = esc(&short),
            class = esc(class),
            bh = ROW - 6,
            nx = LABEL + w + 6,
        );
    }
    let _ = writeln!(s, "</svg></figure>");
    s
}

/// What one directory group holds, for the risk view.
#[derive(Default)]
struct Group {
    components: Vec<usize>,
    categories: BTreeMap<Category, usize>,
    verdicts: BTreeMap<u8, usize>,
    copyleft: usize,
    unknown: usize,
    without_manifest: usize,
    first_party: usize,
    foreign: Vec<usize>,
    problems: usize,
}

/// The HTML due-diligence report of an assessment and its gate (violations, new or known
/// against a baseline, and fixed ones): one self-contained HTML5 file.
///
/// # Example
/// ```
/// use clearance_model::{Inventory, WalkStats};
/// use clearance_policy::{Policy, Verdict};
/// use clearance_report::{Assessment, gate::Gate, html_report};
///
/// let inv = Inventory {
///     root_name: "demo".into(),
///     components: vec![],
///     files: vec![],
///     foreign: vec![],
///     problems: vec![],
///     stats: WalkStats::default(),
/// };
/// let a = Assessment::new(&inv, &Policy::default_policy(), "0.1.0");
/// let gate = Gate::new(&a, None, Verdict::Fail);
/// let html = html_report(&a, &gate);
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// ```
pub fn html_report(a: &Assessment<'_>, gate: &Gate<'_>) -> String {
    let inv = a.inventory;
    let comps = &inv.components;
    let evals: Vec<Option<&Evaluation>> = (0..comps.len())
        .map(|i| a.evaluations.get(i).and_then(Option::as_ref))
        .collect();
    let categories: Vec<Category> = comps
        .iter()
        .zip(&evals)
        .map(|(c, e)| category_of(c, *e))
        .collect();
    // Violations per component, by the component's address in the inventory.
    let index_of: HashMap<*const Component, usize> = comps
        .iter()
        .enumerate()
        .map(|(i, c)| (c as *const Component, i))
        .collect();
    let mut by_component: Vec<Vec<usize>> = vec![Vec::new(); comps.len()];
    for (vi, v) in gate.violations.iter().enumerate() {
        if let Some(i) = v
            .component
            .and_then(|c| index_of.get(&(c as *const Component)))
        {
            by_component[*i].push(vi);
        }
    }

    let mut s = String::new();
    let title = format!("License due-diligence report: {}", inv.root_name);
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"clearance {v}\">\n\
         <link rel=\"icon\" href=\"data:,\">\n<title>{t}</title>\n<style>\n{CSS}</style>\n</head>\n<body>",
        v = esc(&a.tool_version),
        t = esc(&title)
    );
    let _ = writeln!(
        s,
        "<header id=\"top\">\n<h1>{}</h1>\n<p class=\"meta\">Policy: <code>{}</code> · clearance {} · \
         {} files scanned</p>",
        esc(&title),
        esc(&a.policy),
        esc(&a.tool_version),
        inv.stats.files
    );
    let _ = writeln!(
        s,
        "<nav aria-label=\"Sections\"><ul>\
         <li><a href=\"#summary\">Summary</a></li>\
         <li><a href=\"#risk\">Risk by directory</a></li>\
         <li><a href=\"#violations\">Violations</a></li>\
         <li><a href=\"#components\">Components</a></li>\
         <li><a href=\"#details\">Component details</a></li>\
         <li><a href=\"#own-code\">Own code under other licenses</a></li>\
         <li><a href=\"#problems\">Problems and skipped files</a></li>\
         </ul></nav>\n</header>\n<main>"
    );
    summary_section(&mut s, a, gate, &evals, &categories);
    risk_section(&mut s, a, &evals, &categories);
    violations_section(&mut s, gate, &index_of);
    table_section(&mut s, a, &evals, &categories);
    details_section(&mut s, a, gate, &evals, &categories, &by_component);
    own_code_section(&mut s, a);
    problems_section(&mut s, a);
    let _ = writeln!(
        s,
        "</main>\n<footer><p class=\"meta\">Generated by clearance {}. This report describes \
         what was found in the scanned files; it is not legal advice.</p></footer>\n\
         <script>\n{JS}</script>\n</body>\n</html>",
        esc(&a.tool_version)
    );
    s
}

fn summary_section(
    s: &mut String,
    a: &Assessment<'_>,
    gate: &Gate<'_>,
    evals: &[Option<&Evaluation>],
    categories: &[Category],
) {
    let inv = a.inventory;
    let counts = a.counts();
    let overall = a.overall();
    let third_party = inv
        .components
        .iter()
        .filter(|c| c.origin == Origin::ThirdParty)
        .count();
    let skipped = inv.problems.iter().filter(|p| p.code.is_skip()).count();
    let problems = inv.problems.len() - skipped;
    let _ = writeln!(s, "<section id=\"summary\">\n<h2>Executive summary</h2>");
    let (word, sentence) = match overall {
        Verdict::Fail => (
            "Does not meet the license policy",
            format!(
                "{} may not be distributed as is under the policy; {} more need{} a person's \
                 review.",
                things(counts.fail, counts.foreign_fail),
                counts.review + counts.foreign_review,
                if counts.review + counts.foreign_review == 1 {
                    "s"
                } else {
                    ""
                }
            ),
        ),
        Verdict::Review => (
            "Needs review before release",
            format!(
                "Nothing is forbidden by the policy, but {} need{} a person's review before the \
                 product is released.",
                things(counts.review, counts.foreign_review),
                if counts.review + counts.foreign_review == 1 {
                    "s"
                } else {
                    ""
                }
            ),
        ),
        Verdict::Pass => (
            "Meets the license policy",
            "Every third-party component meets the policy.".to_string(),
        ),
    };
    let _ = writeln!(
        s,
        "<div class=\"banner {cls}\"><p class=\"verdict-word\">{word} <span class=\"badge {cls}\">{v}</span></p>\
         <p>{sentence}</p>",
        cls = verdict_class(Some(overall)),
        v = overall.as_str(),
    );
    let failing = gate.failing().count();
    let gate_line = match &gate.baseline {
        Some(b) => format!(
            "Release gate (fails on <code>{}</code>, compared with the baseline <code>{}</code>): \
             {} — {} new violation{} fail{} it, {} known, {} fixed since the baseline.",
            gate.fail_on.as_str(),
            esc(b),
            if gate.fails() { "fails" } else { "passes" },
            failing,
            plural(failing),
            if failing == 1 { "s" } else { "" },
            gate.new.iter().filter(|n| !**n).count(),
            gate.fixed.len()
        ),
        None => format!(
            "Release gate (fails on <code>{}</code>): {} — {} violation{} at or above that verdict.",
            gate.fail_on.as_str(),
            if gate.fails() { "fails" } else { "passes" },
            failing,
            plural(failing)
        ),
    };
    let _ = writeln!(s, "<p>{gate_line}</p></div>");
    let figures = [
        (inv.components.len(), "components"),
        (third_party, "third-party components"),
        (counts.fail, "fail: may not be distributed as is"),
        (counts.review, "need review"),
        (counts.pass, "pass"),
        (counts.first_party, "first-party (not judged)"),
        (inv.foreign.len(), "own-code files under another license"),
        (gate.violations.len(), "violations"),
        (problems, "problems"),
        (skipped, "skipped files"),
    ];
    let _ = writeln!(s, "<ul class=\"figures\">");
    for (n, what) in figures {
        let _ = writeln!(s, "<li><b>{n}</b>{}</li>", esc(what));
    }
    let _ = writeln!(s, "</ul>");

    // Charts.
    let _ = writeln!(s, "<div class=\"charts\">");
    let verdict_rows: Vec<(String, usize, String)> = [
        (Some(Verdict::Fail), counts.fail),
        (Some(Verdict::Review), counts.review),
        (Some(Verdict::Pass), counts.pass),
        (None, counts.first_party),
    ]
    .into_iter()
    .map(|(v, n)| {
        (
            verdict_short(v).to_string(),
            n,
            verdict_class(v).to_string(),
        )
    })
    .collect();
    s.push_str(&bar_chart("Components by verdict", &verdict_rows));
    let mut by_category: BTreeMap<Category, usize> = BTreeMap::new();
    for ((c, cat), _) in inv.components.iter().zip(categories).zip(evals) {
        if c.origin == Origin::ThirdParty {
            *by_category.entry(*cat).or_insert(0) += 1;
        }
    }
    let category_rows: Vec<(String, usize, String)> = Category::ALL
        .into_iter()
        .filter_map(|cat| {
            by_category.get(&cat).map(|n| {
                (
                    category_title(cat).to_string(),
                    *n,
                    cat.as_str().to_string(),
                )
            })
        })
        .collect();
    s.push_str(&bar_chart(
        "Third-party components by license category",
        &category_rows,
    ));
    let licenses = crate::license_counts(a);
    let mut license_rows: Vec<(String, usize, String)> = licenses
        .iter()
        .take(TOP_LICENSES)
        .map(|(l, n)| (l.clone(), *n, "license".to_string()))
        .collect();
    let other: usize = licenses.iter().skip(TOP_LICENSES).map(|(_, n)| n).sum();
    if other > 0 {
        license_rows.push((
            format!("other ({} licenses)", licenses.len() - TOP_LICENSES),
            other,
            "other".to_string(),
        ));
    }
    s.push_str(&bar_chart(
        "Third-party components by license",
        &license_rows,
    ));
    let _ = writeln!(s, "</div>");

    // The categories in words, with their counts.
    let _ = writeln!(
        s,
        "<h3>License categories</h3>\n<table class=\"categories\">\n<thead><tr><th>Category</th>\
         <th>Third-party components</th><th>What it means</th></tr></thead>\n<tbody>"
    );
    for cat in Category::ALL {
        let n = by_category.get(&cat).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{n}</td><td>{}</td></tr>",
            category_title(cat),
            category_words(cat)
        );
    }
    let _ = writeln!(s, "</tbody></table>\n</section>");
}

/// "2 components and 1 file of the product's own code", leaving out a zero count.
fn things(components: usize, files: usize) -> String {
    let c = format!("{components} component{}", plural(components));
    let f = format!("{files} file{} of the product's own code", plural(files));
    match (components, files) {
        (_, 0) => c,
        (0, _) => f,
        _ => format!("{c} and {f}"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn risk_section(
    s: &mut String,
    a: &Assessment<'_>,
    evals: &[Option<&Evaluation>],
    categories: &[Category],
) {
    let inv = a.inventory;
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (i, c) in inv.components.iter().enumerate() {
        let is_dir = !c.roots.is_empty();
        let g = groups.entry(group_of(path_of(c), is_dir)).or_default();
        g.components.push(i);
        let cat = categories[i];
        if c.origin == Origin::ThirdParty {
            *g.categories.entry(cat).or_insert(0) += 1;
        } else {
            g.first_party += 1;
        }
        *g.verdicts
            .entry(verdict_rank(evals[i].map(|e| e.verdict)))
            .or_insert(0) += 1;
        if c.origin == Origin::ThirdParty {
            if cat.is_copyleft() {
                g.copyleft += 1;
            }
            if cat == Category::Unknown {
                g.unknown += 1;
            }
            if c.ecosystem == Ecosystem::Generic {
                g.without_manifest += 1;
            }
        }
    }
    for (i, f) in inv.foreign.iter().enumerate() {
        groups
            .entry(group_of(&f.path, false))
            .or_default()
            .foreign
            .push(i);
    }
    for p in &inv.problems {
        groups.entry(group_of(&p.path, false)).or_default().problems += 1;
    }
    let _ = writeln!(
        s,
        "<section id=\"risk\">\n<h2>Risk by directory</h2>\n<p>Where the components are, by \
         top-level directory (and by package under vendoring directories such as \
         <code>vendor</code> or <code>third_party</code>). Flagged: copyleft licenses, unknown \
         licenses, code copied in without a package manifest (<code>generic</code> components), \
         and files of the product's own code under another license.</p>"
    );
    if groups.is_empty() {
        none(s, "Nothing was found.");
        let _ = writeln!(s, "</section>");
        return;
    }
    let _ = writeln!(
        s,
        "<table class=\"risk\">\n<thead><tr><th>Directory</th><th>Components</th>\
         <th>By license category</th><th>By verdict</th><th>Attention</th></tr></thead>\n<tbody>"
    );
    for (dir, g) in &groups {
        let mut cats: Vec<String> = g
            .categories
            .iter()
            .map(|(c, n)| format!("{n} {}", category_title(*c).to_lowercase()))
            .collect();
        if g.first_party > 0 {
            cats.push(format!("{} first-party", g.first_party));
        }
        let verdicts: Vec<String> = g
            .verdicts
            .iter()
            .map(|(rank, n)| {
                let v = match rank {
                    0 => Some(Verdict::Fail),
                    1 => Some(Verdict::Review),
                    2 => Some(Verdict::Pass),
                    _ => None,
                };
                format!("{n} {}", badge(v))
            })
            .collect();
        let mut flags: Vec<String> = Vec::new();
        let flag = |class: &str, text: String| {
            format!("<span class=\"flag {class}\">{}</span>", esc(&text))
        };
        if g.copyleft > 0 {
            flags.push(flag(
                "fail",
                format!("{} copyleft component{}", g.copyleft, plural(g.copyleft)),
            ));
        }
        if g.unknown > 0 {
            flags.push(flag(
                "review",
                format!("{} with an unknown license", g.unknown),
            ));
        }
        if g.without_manifest > 0 {
            flags.push(flag(
                "review",
                format!(
                    "{} copied in without a package manifest",
                    g.without_manifest
                ),
            ));
        }
        if !g.foreign.is_empty() {
            flags.push(flag(
                "review",
                format!(
                    "{} own-code file{} under another license",
                    g.foreign.len(),
                    plural(g.foreign.len())
                ),
            ));
        }
        if g.problems > 0 {
            flags.push(format!(
                "<span class=\"flag\">{} problem{} or skipped file{}</span>",
                g.problems,
                plural(g.problems),
                plural(g.problems)
            ));
        }
        let _ = writeln!(
            s,
            "<tr><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(dir),
            g.components.len(),
            if cats.is_empty() {
                "—".to_string()
            } else {
                cats.join(", ")
            },
            if verdicts.is_empty() {
                "—".to_string()
            } else {
                verdicts.join(" ")
            },
            flags.concat()
        );
    }
    let _ = writeln!(s, "</tbody></table>");
    // The components behind the flags, so a reader can go straight to them.
    let flagged: Vec<usize> = (0..inv.components.len())
        .filter(|&i| {
            let c = &inv.components[i];
            c.origin == Origin::ThirdParty
                && (categories[i].is_copyleft()
                    || categories[i] == Category::Unknown
                    || c.ecosystem == Ecosystem::Generic
                    || evals[i].is_some_and(|e| e.verdict != Verdict::Pass))
        })
        .collect();
    if !flagged.is_empty() {
        let _ = writeln!(
            s,
            "<h3>Components that need attention</h3>\n<table>\n<thead><tr><th>Component</th>\
             <th>Where</th><th>License</th><th>Why it matters</th><th>Verdict</th></tr></thead>\n<tbody>"
        );
        for i in flagged {
            let c = &inv.components[i];
            let cat = categories[i];
            let mut why = Vec::new();
            if cat.is_copyleft() || cat == Category::Unknown {
                why.push(format!("{}: {}", category_title(cat), category_words(cat)));
            }
            if c.ecosystem == Ecosystem::Generic {
                why.push("copied into the tree without a package manifest".to_string());
            }
            if let Some(e) = evals[i].filter(|e| e.verdict != Verdict::Pass) {
                why.push(e.reason.clone());
            }
            let _ = writeln!(
                s,
                "<tr><td><a href=\"#{}\">{}</a></td><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                anchor(i),
                esc(&c.name),
                esc(&crate::where_of(c)),
                esc(&license_label(c)),
                prose(&why.join("; ")),
                badge(evals[i].map(|e| e.verdict))
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }
    let _ = writeln!(s, "</section>");
}

fn violations_section(
    s: &mut String,
    gate: &Gate<'_>,
    index_of: &HashMap<*const Component, usize>,
) {
    let _ = writeln!(
        s,
        "<section id=\"violations\">\n<h2>Violations</h2>\n<p>Every reason the product does not \
         simply pass, worst first{}. Each is located at the file and line that caused it.</p>",
        if gate.baseline.is_some() {
            ", new ones (not in the baseline) before known ones"
        } else {
            ""
        }
    );
    if gate.violations.is_empty() {
        none(s, "No violations.");
    } else {
        let _ = writeln!(
            s,
            "<table>\n<thead><tr>{}<th>Verdict</th><th>What</th><th>Component or file</th>\
             <th>Details</th><th>Where</th></tr></thead>\n<tbody>",
            if gate.baseline.is_some() {
                "<th>Status</th>"
            } else {
                ""
            }
        );
        for (v, new) in gate.ordered() {
            let status = if gate.baseline.is_some() {
                if new {
                    "<td><span class=\"badge new\">new</span></td>"
                } else {
                    "<td><span class=\"badge known\">known</span></td>"
                }
            } else {
                ""
            };
            let subject = match v
                .component
                .and_then(|c| index_of.get(&(c as *const Component)).map(|i| (c, *i)))
            {
                Some((c, i)) => format!("<a href=\"#{}\">{}</a>", anchor(i), esc(&c.purl)),
                None => format!("<span class=\"mono\">{}</span>", esc(&v.location.path)),
            };
            let _ = writeln!(
                s,
                "<tr>{status}<td>{}</td><td>{}<br><code>{}</code></td><td>{subject}</td><td>{}</td>\
                 <td class=\"mono\">{}</td></tr>",
                badge(Some(v.verdict)),
                esc(code_words(v.code)),
                v.code.as_str(),
                prose(&v.message),
                esc(&location(&v.location))
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }
    if let Some(b) = &gate.baseline {
        let _ = writeln!(
            s,
            "<h3 id=\"fixed\">Fixed since the baseline</h3>\n<p>Violations of the baseline \
             <code>{}</code> that are gone.</p>",
            esc(b)
        );
        if gate.fixed.is_empty() {
            none(s, "None.");
        } else {
            let _ = writeln!(s, "<ul class=\"fixed\">");
            for f in &gate.fixed {
                let _ = writeln!(
                    s,
                    "<li>{} <code>{}</code></li>",
                    prose(&f.message),
                    esc(&f.key)
                );
            }
            let _ = writeln!(s, "</ul>");
        }
    }
    let _ = writeln!(s, "</section>");
}

fn table_section(
    s: &mut String,
    a: &Assessment<'_>,
    evals: &[Option<&Evaluation>],
    categories: &[Category],
) {
    let inv = a.inventory;
    let _ = writeln!(
        s,
        "<section id=\"components\">\n<h2>Components</h2>\n<p>Every component found ({}). Click a \
         column header to sort; click a name for its details.</p>\n<p id=\"filter-box\" hidden>\
         <label>Search: <input id=\"filter\" type=\"search\" placeholder=\"name, license, directory…\"></label> \
         <span id=\"filter-count\"></span></p>",
        inv.components.len()
    );
    if inv.components.is_empty() {
        none(s, "No components were found.");
    }
    let _ = writeln!(
        s,
        "<table id=\"component-table\">\n<thead><tr><th>Name</th><th>Version</th><th>Ecosystem</th>\
         <th>Scope</th><th>License</th><th>Category</th><th>Verdict</th><th>Location</th></tr></thead>\n<tbody>"
    );
    for (i, c) in inv.components.iter().enumerate() {
        let v = evals[i].map(|e| e.verdict);
        let _ = writeln!(
            s,
            "<tr data-verdict=\"{vc}\"><td><a href=\"#{anchor}\">{name}</a></td><td>{version}</td>\
             <td>{eco}</td><td>{scope}</td><td>{license}</td><td>{cat}</td>\
             <td data-key=\"{rank}\">{badge}</td><td class=\"mono\">{loc}</td></tr>",
            vc = verdict_class(v),
            anchor = anchor(i),
            name = esc(&c.name),
            version = esc(c.version.as_deref().unwrap_or("")),
            eco = c.ecosystem.as_str(),
            scope = c.scope.map_or("", |x| x.as_str()),
            license = esc(&license_label(c)),
            cat = category_title(categories[i]),
            rank = verdict_rank(v),
            badge = badge(v),
            loc = esc(&crate::where_of(c)),
        );
    }
    let _ = writeln!(s, "</tbody></table>\n</section>");
}

fn details_section(
    s: &mut String,
    a: &Assessment<'_>,
    gate: &Gate<'_>,
    evals: &[Option<&Evaluation>],
    categories: &[Category],
    by_component: &[Vec<usize>],
) {
    let _ = writeln!(
        s,
        "<section id=\"details\">\n<h2>Component details</h2>\n<p>For each component: what its \
         manifests declare, what its files say, the license concluded and why, the policy's \
         decision, the obligations it brings and the violations it causes.</p>"
    );
    for (i, c) in a.inventory.components.iter().enumerate() {
        component_section(s, c, i, evals[i], categories[i], gate, &by_component[i]);
    }
    let _ = writeln!(s, "</section>");
}

fn component_section(
    s: &mut String,
    c: &Component,
    i: usize,
    e: Option<&Evaluation>,
    cat: Category,
    gate: &Gate<'_>,
    violations: &[usize],
) {
    let v = e.map(|e| e.verdict);
    let _ = writeln!(
        s,
        "<section class=\"component\" id=\"{}\">\n<h3>{}{} {}</h3>",
        anchor(i),
        esc(&c.name),
        c.version
            .as_deref()
            .map_or_else(String::new, |v| format!(" {}", esc(v))),
        badge(v)
    );
    let _ = write!(s, "<p><strong>{}</strong>", verdict_words(v));
    if let Some(e) = e {
        let _ = write!(s, ": {}", prose(&e.reason));
    }
    let _ = writeln!(s, "</p>\n<dl class=\"kv\">");
    let mut kv = |k: &str, v: String| {
        let _ = writeln!(s, "<dt>{k}</dt><dd>{v}</dd>");
    };
    kv("Package URL", format!("<code>{}</code>", esc(&c.purl)));
    kv("Ecosystem", c.ecosystem.as_str().to_string());
    kv(
        "Origin",
        match c.origin {
            Origin::FirstParty => "the product's own code".to_string(),
            Origin::ThirdParty => "third party".to_string(),
        },
    );
    kv(
        "Scope",
        c.scope.map_or("not stated", |x| x.as_str()).to_string(),
    );
    if let Some(d) = c.direct {
        kv(
            "Dependency",
            if d { "direct" } else { "transitive" }.to_string(),
        );
    }
    if !c.roots.is_empty() {
        kv(
            "Directory",
            c.roots
                .iter()
                .map(|r| format!("<code>{}</code>", esc(if r.is_empty() { "." } else { r })))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    kv(
        "Read from",
        if c.sources.is_empty() {
            "—".to_string()
        } else {
            c.sources
                .iter()
                .map(|src| {
                    format!(
                        "<code>{}</code> ({})",
                        esc(&at(&src.path, src.line)),
                        esc(&src.cataloger)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        },
    );
    if let Some(sup) = &c.supplier {
        kv("Supplier", esc(sup));
    }
    if !c.authors.is_empty() {
        kv("Authors", esc(&c.authors.join(", ")));
    }
    kv(
        "Concluded license",
        format!(
            "<code>{}</code> ({}: {})",
            esc(&license_label(c)),
            category_title(cat),
            category_words(cat)
        ),
    );
    kv(
        "Why this license",
        format!(
            "{}{}",
            esc(&word(&c.concluded.reason)),
            if c.concluded.explanation.is_empty() {
                String::new()
            } else {
                format!(": {}", prose(&c.concluded.explanation))
            }
        ),
    );
    if let Some(m) = &c.concluded.modified {
        kv("Modified license text", prose(m));
    }
    if let Some(e) = e {
        if let Some(chosen) = &e.chosen {
            kv(
                "Complied with as",
                format!("<code>{}</code>", esc(&chosen.to_string())),
            );
        }
        if let Some(l) = e.linking {
            kv("Linked", l.as_str().to_string());
        }
    }
    let _ = writeln!(s, "</dl>");

    // Declared.
    let _ = writeln!(s, "<h4>Declared licenses</h4>");
    if c.declared.is_empty() {
        none(s, "No manifest declares a license.");
    } else {
        let _ = writeln!(
            s,
            "<table><thead><tr><th>As written</th><th>Read as</th><th>Where</th><th>Notes</th></tr></thead><tbody>"
        );
        for d in &c.declared {
            let _ = writeln!(
                s,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
                esc(&d.raw),
                d.expression.as_ref().map_or_else(
                    || "not an SPDX expression".to_string(),
                    |x| format!("<code>{}</code>", esc(&x.to_string()))
                ),
                esc(&at(&d.source.path, d.source.line)),
                prose(&d.notes.join("; "))
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }

    // Evidence.
    let _ = writeln!(s, "<h4>Evidence in its files</h4>");
    if c.detected.is_empty() {
        none(s, "No license text, notice or tag was found in its files.");
    } else {
        let _ = writeln!(
            s,
            "<table><thead><tr><th>License</th><th>File</th><th>Lines</th><th>How found</th>\
             <th>Confidence</th><th>Matched text</th></tr></thead><tbody>"
        );
        for f in &c.detected {
            let ev = &f.evidence;
            let conf = if ev.confidence.is_finite() {
                format!("{:.0}%", (ev.confidence.clamp(0.0, 1.0) * 100.0))
            } else {
                "?".to_string()
            };
            let mut text = String::new();
            if let Some(m) = &ev.modified {
                let _ = write!(text, "<p>Modified: {}</p>", prose(m));
            }
            match &ev.text {
                Some(t) => {
                    let _ = write!(
                        text,
                        "<details><summary>show</summary><pre>{}</pre></details>",
                        esc(t)
                    );
                }
                None if ev.modified.is_none() => {
                    text.push_str("<span class=\"none\">not kept</span>")
                }
                None => {}
            }
            let _ = writeln!(
                s,
                "<tr><td><code>{}</code></td><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{conf}</td><td>{text}</td></tr>",
                esc(&f.expression.to_string()),
                esc(&ev.path),
                ev.lines,
                ev.tier.as_str(),
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }
    if !c.license_files.is_empty() {
        let _ = writeln!(
            s,
            "<p>License files: {}</p>",
            c.license_files
                .iter()
                .map(|f| format!("<code>{}</code>", esc(f)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    // Copyrights.
    let _ = writeln!(s, "<h4>Copyrights</h4>");
    if c.copyrights.is_empty() {
        none(s, "No copyright statement was found.");
    } else {
        let _ = writeln!(s, "<ul>");
        for line in &c.copyrights {
            let _ = writeln!(s, "<li>{}</li>", esc(line));
        }
        let _ = writeln!(s, "</ul>");
    }

    if let Some(e) = e {
        // The policy's decision, term by term.
        if !e.terms.is_empty() {
            let _ = writeln!(
                s,
                "<h4>Policy decision</h4>\n<table><thead><tr><th>License</th><th>Verdict</th>\
                 <th>Decided by</th></tr></thead><tbody>"
            );
            for t in &e.terms {
                let via = match (&t.category, &t.exception) {
                    (Some(k), _) => format!(" (category <code>{}</code>)", k.as_str()),
                    (None, Some(x)) => format!(" (exception <code>{}</code>)", esc(x)),
                    (None, None) => String::new(),
                };
                let _ = writeln!(
                    s,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}{via}</td></tr>",
                    esc(&t.expression.to_string()),
                    badge(Some(t.verdict)),
                    esc(&word(&t.rule))
                );
            }
            let _ = writeln!(s, "</tbody></table>");
        }
        let _ = writeln!(s, "<h4>Obligations</h4>");
        if e.obligations.is_empty() {
            none(
                s,
                if e.ships {
                    "No obligation applies as the product ships."
                } else {
                    "None: the component does not ship with the product."
                },
            );
        } else {
            let _ = writeln!(
                s,
                "<table><thead><tr><th>License</th><th>What must be done</th><th>When</th>\
                 <th>Clause</th></tr></thead><tbody>"
            );
            for o in &e.obligations {
                let _ = writeln!(
                    s,
                    "<tr><td><code>{}</code></td><td>{} <code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    esc(&o.license),
                    kind_words(o.kind),
                    esc(&word(&o.kind)),
                    trigger_words(o.trigger),
                    esc(&o.clause)
                );
            }
            let _ = writeln!(s, "</tbody></table>");
        }
        if !e.unmet.is_empty() {
            let _ = writeln!(s, "<h4>Unmet obligations</h4>\n<ul>");
            for u in &e.unmet {
                let _ = writeln!(
                    s,
                    "<li>{} (<code>{}</code>): {}</li>",
                    esc(code_words(u.code)),
                    u.code.as_str(),
                    prose(&u.message)
                );
            }
            let _ = writeln!(s, "</ul>");
        }
        if !e.compatibility.is_empty() {
            let _ = writeln!(s, "<h4>Compatibility with the product's license</h4>\n<ul>");
            for f in &e.compatibility {
                let _ = writeln!(
                    s,
                    "<li><code>{}</code> with the product's <code>{}</code>: {} ({})</li>",
                    esc(&f.inbound),
                    esc(&f.outbound),
                    esc(&word(&f.verdict)),
                    esc(&f.source)
                );
            }
            let _ = writeln!(s, "</ul>");
        }
    }

    if !violations.is_empty() {
        let _ = writeln!(s, "<h4>Violations</h4>\n<ul>");
        for &vi in violations {
            let v: &Violation<'_> = &gate.violations[vi];
            let status = match (&gate.baseline, gate.new.get(vi)) {
                (Some(_), Some(true)) => " <span class=\"badge new\">new</span>",
                (Some(_), _) => " <span class=\"badge known\">known</span>",
                (None, _) => "",
            };
            let _ = writeln!(
                s,
                "<li>{}{status} {} (<code>{}</code>): {} <span class=\"mono\">[{}]</span></li>",
                badge(Some(v.verdict)),
                esc(code_words(v.code)),
                v.code.as_str(),
                prose(&v.message),
                esc(&location(&v.location))
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(
        s,
        "<p class=\"top\"><a href=\"#components\">Back to the component table</a></p>\n</section>"
    );
}

fn own_code_section(s: &mut String, a: &Assessment<'_>) {
    let inv = a.inventory;
    let _ = writeln!(
        s,
        "<section id=\"own-code\">\n<h2>Own code under other licenses</h2>\n<p>Files of the \
         product's own code (owned by no package) that carry a license other than the \
         product's: code copied in from elsewhere.</p>"
    );
    if inv.foreign.is_empty() {
        none(s, "None found.");
    } else {
        let _ = writeln!(
            s,
            "<table><thead><tr><th>File</th><th>Lines</th><th>License</th><th>Product's license</th>\
             <th>Verdict</th><th>Why</th></tr></thead><tbody>"
        );
        for (i, f) in inv.foreign.iter().enumerate() {
            let e = a.foreign.get(i);
            let lines: Vec<String> = f
                .findings
                .iter()
                .map(|x| x.evidence.lines.to_string())
                .collect();
            let _ = writeln!(
                s,
                "<tr><td class=\"mono\">{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&f.path),
                esc(&lines.join(", ")),
                esc(&f.expression.to_string()),
                f.product_license.as_ref().map_or_else(
                    || "not stated".to_string(),
                    |l| format!("<code>{}</code>", esc(&l.to_string()))
                ),
                badge(e.map(|e| e.verdict)),
                prose(e.map_or("", |e| e.reason.as_str()))
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }
    let _ = writeln!(s, "</section>");
}

fn problems_section(s: &mut String, a: &Assessment<'_>) {
    let inv = a.inventory;
    let _ = writeln!(
        s,
        "<section id=\"problems\">\n<h2>Problems and skipped files</h2>"
    );
    for (title, skip, empty) in [
        ("Skipped files", true, "No file was skipped."),
        ("Problems", false, "No problem was met."),
    ] {
        let rows: Vec<_> = inv
            .problems
            .iter()
            .filter(|p| p.code.is_skip() == skip)
            .collect();
        let _ = writeln!(s, "<h3>{title} ({})</h3>", rows.len());
        if rows.is_empty() {
            none(s, empty);
            continue;
        }
        let _ = writeln!(
            s,
            "<table><thead><tr><th>Code</th><th>File</th><th>Line</th><th>What happened</th></tr></thead><tbody>"
        );
        for p in rows {
            let _ = writeln!(
                s,
                "<tr><td><code>{}</code></td><td class=\"mono\">{}</td><td>{}</td><td>{}</td></tr>",
                p.code.as_str(),
                esc(&p.path),
                p.line.map_or_else(String::new, |l| l.to_string()),
                prose(&p.message)
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }
    if !a.policy_notes.is_empty() {
        let _ = writeln!(
            s,
            "<h3>Notes on the policy ({})</h3>\n<ul>",
            a.policy_notes.len()
        );
        for n in &a.policy_notes {
            let _ = writeln!(
                s,
                "<li>{} (<code>{}</code>{}): {}</li>",
                esc(code_words(n.code)),
                n.code.as_str(),
                if n.line > 0 {
                    format!(", line {}", n.line)
                } else {
                    String::new()
                },
                prose(&n.message)
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(s, "</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::Baseline;
    use clearance_model::{Inventory, LicenseExpr, Problem, ProblemCode, WalkStats};
    use clearance_policy::Policy;
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/projects")
            .join(name)
    }

    /// The fixture's policy: its `acme-policy.toml` when it has one, else the default.
    fn policy_of(name: &str) -> Policy {
        match std::fs::read_to_string(fixture(name).join("acme-policy.toml")) {
            Ok(text) => Policy::from_toml("acme-policy.toml", &text).expect("fixture policy"),
            Err(_) => Policy::default_policy(),
        }
    }

    pub(crate) fn scan(name: &str, policy: &Policy) -> Inventory {
        let mut opts = clearance_scan::ScanOptions::default();
        if policy.product.unmet.is_some() {
            opts.notices = clearance_policy::attribution::notices_globset(&policy.product.notices);
            opts.keep_license_texts = true;
        }
        opts.detect.license_text = true;
        clearance_scan::scan(&fixture(name), &opts, &clearance_scan::NoProgress).expect("scan")
    }

    fn report_of(name: &str) -> (Inventory, String) {
        let policy = policy_of(name);
        let inv = scan(name, &policy);
        let html = {
            let a = Assessment::new(&inv, &policy, "0.0.0-test");
            let gate = Gate::new(&a, None, Verdict::Fail);
            html_report(&a, &gate)
        };
        (inv, html)
    }

    /// The text of the element that starts with `start` up to its closing `end`.
    fn section<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
        let from = html.find(start).expect(start);
        let to = from + html[from..].find(end).expect(end) + end.len();
        &html[from..to]
    }

    fn demo(name: &str, path: &str) -> Inventory {
        let mut c = Component::new(
            Ecosystem::Npm,
            name,
            Some("1.0.0\"><b>".into()),
            format!("pkg:npm/{name}@1.0.0"),
        );
        c.concluded.expression = Some(LicenseExpr::parse("AGPL-3.0-only").unwrap());
        c.roots.push(path.into());
        c.copyrights.push("Copyright (c) <evil> & co".into());
        Inventory {
            root_name: "demo<i>".into(),
            components: vec![c],
            files: vec![],
            foreign: vec![],
            problems: vec![Problem::new(
                ProblemCode::Symlink,
                "node_modules/<img src=x onerror=alert(1)>",
                "symbolic link to `</td>`; not followed",
            )],
            stats: WalkStats::default(),
        }
    }

    #[test]
    fn monorepo_summary_and_risk_snapshot() {
        let (_, html) = report_of("04_monorepo");
        let summary = section(&html, "<section id=\"summary\">", "</section>");
        // The charts are checked by their own test; keep the words and figures here.
        insta::assert_snapshot!("monorepo_summary", summary);
        let risk = section(&html, "<section id=\"risk\">", "</section>");
        insta::assert_snapshot!("monorepo_risk", risk);
        let violations = section(&html, "<section id=\"violations\">", "</section>");
        insta::assert_snapshot!("monorepo_violations", violations);
    }

    #[test]
    fn every_component_has_a_row_and_a_section() {
        for name in ["04_monorepo", "05_vendored_code", "06_product_notices"] {
            let (inv, html) = report_of(name);
            assert!(!inv.components.is_empty(), "{name}");
            let table = section(&html, "<table id=\"component-table\">", "</table>");
            assert_eq!(
                table.matches("<tr data-verdict=").count(),
                inv.components.len(),
                "{name}"
            );
            for (i, c) in inv.components.iter().enumerate() {
                let id = anchor(i);
                assert_eq!(
                    html.matches(&format!(" id=\"{id}\"")).count(),
                    1,
                    "{name} {id}"
                );
                assert!(table.contains(&format!("href=\"#{id}\"")), "{name} {id}");
                let sec = section(
                    &html,
                    &format!("<section class=\"component\" id=\"{id}\">"),
                    "</section>",
                );
                assert!(sec.contains(&esc(&c.purl)), "{name} {id}");
            }
            // Without JavaScript the table is complete and the search box (useless then) hidden.
            assert!(html.contains("<p id=\"filter-box\" hidden>"), "{name}");
            assert_eq!(html, report_of(name).1, "{name}: deterministic");
        }
    }

    #[test]
    fn charts_are_inline_svg() {
        let (inv, html) = report_of("04_monorepo");
        let summary = section(&html, "<section id=\"summary\">", "</section>");
        assert_eq!(summary.matches("<svg ").count(), 3);
        assert!(summary.contains("Components by verdict"));
        assert!(summary.contains("Third-party components by license category"));
        assert!(summary.contains("Third-party components by license"));
        // One bar per verdict row, each with its count.
        let counts = Assessment::new(&inv, &Policy::default_policy(), "0").counts();
        assert!(summary.contains(&format!("<title>fail: {}</title>", counts.fail)));
        assert!(summary.contains(&format!("<title>pass: {}</title>", counts.pass)));
    }

    #[test]
    fn bar_widths_are_proportional() {
        let svg = bar_chart(
            "t",
            &[
                ("a".into(), 4, "pass".into()),
                ("b".into(), 2, "fail".into()),
                ("c".into(), 0, "review".into()),
            ],
        );
        assert!(
            svg.contains("class=\"bar pass\" x=\"190\" y=\"2\" width=\"260\""),
            "{svg}"
        );
        assert!(
            svg.contains("class=\"bar fail\" x=\"190\" y=\"24\" width=\"130\""),
            "{svg}"
        );
        assert!(
            svg.contains("class=\"bar review\" x=\"190\" y=\"46\" width=\"0\""),
            "{svg}"
        );
        assert!(bar_chart("t", &[]).contains(">none</text>"));
        let long = bar_chart("t", &[("x".repeat(40), 1, String::new())]);
        assert!(
            long.contains(&format!(">{}…</text>", "x".repeat(27))),
            "{long}"
        );
    }

    #[test]
    fn no_external_resources() {
        for name in ["04_monorepo", "05_vendored_code", "06_product_notices"] {
            let (_, html) = report_of(name);
            // Everything from the tree is escaped, so every `<` starts a tag of the report's own.
            for tag in html
                .split('<')
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|x| x.0))
            {
                for attr in [" src=", " href=", " action=", " srcset=", "url("] {
                    for (at, _) in tag.match_indices(attr) {
                        let value = tag[at + attr.len()..].trim_start_matches(['"', '\'']);
                        assert!(
                            value.starts_with('#') || value.starts_with("data:"),
                            "{name}: external or relative resource in <{tag}>"
                        );
                    }
                }
            }
            assert!(!html.contains("<link rel=\"stylesheet\""), "{name}");
            assert!(!html.contains("@import"), "{name}");
            assert_eq!(html.matches("<script").count(), 1, "{name}");
            assert_eq!(html.matches("<style").count(), 1, "{name}");
        }
    }

    #[test]
    fn everything_from_the_tree_is_escaped() {
        let inv = demo("<script>alert(1)</script>", "node_modules/x\"y&z");
        let a = Assessment::new(&inv, &Policy::default_policy(), "0");
        let gate = Gate::new(&a, None, Verdict::Fail);
        let html = html_report(&a, &gate);
        assert!(!html.contains("<script>alert(1)</script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(!html.contains("<img"));
        assert!(html.contains("node_modules/&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("node_modules/x&quot;y&amp;z"));
        assert!(!html.contains("1.0.0\"><b>"));
        assert!(html.contains("1.0.0&quot;&gt;&lt;b&gt;"));
        assert!(html.contains("Copyright (c) &lt;evil&gt; &amp; co"));
        assert!(html.contains("demo&lt;i&gt;"));
        assert!(!html.contains("`</td>`"));
        assert_eq!(esc("a\u{0}b\u{1b}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(
            prose("`a<b>` is `c`"),
            "<code>a&lt;b&gt;</code> is <code>c</code>"
        );
        assert_eq!(prose("`a` and `b"), "<code>a</code> and `b");
        assert_eq!(prose("no quotes & co"), "no quotes &amp; co");
    }

    #[test]
    fn verdict_in_plain_words_with_codes() {
        let inv = demo("copyleft-lib", "node_modules/copyleft-lib");
        let a = Assessment::new(&inv, &Policy::default_policy(), "0");
        let gate = Gate::new(&a, None, Verdict::Fail);
        let html = html_report(&a, &gate);
        let summary = section(&html, "<section id=\"summary\">", "</section>");
        assert!(
            summary.contains("Does not meet the license policy"),
            "{summary}"
        );
        assert!(
            summary.contains("may not be distributed as is"),
            "{summary}"
        );
        let violations = section(&html, "<section id=\"violations\">", "</section>");
        assert!(
            violations.contains("The policy forbids this license"),
            "{violations}"
        );
        assert!(
            violations.contains("<code>license-denied</code>"),
            "{violations}"
        );
        let risk = section(&html, "<section id=\"risk\">", "</section>");
        assert!(risk.contains("node_modules/copyleft-lib"), "{risk}");
        assert!(risk.contains("1 copyleft component"), "{risk}");
    }

    #[test]
    fn baseline_shows_new_known_and_fixed() {
        let policy = Policy::default_policy();
        let old = demo("gone", "node_modules/gone");
        let old_a = Assessment::new(&old, &policy, "0");
        let mut baseline = Baseline::of(&old_a, "baseline.json");
        let mut now = demo("added", "node_modules/added");
        let mut known = now.components[0].clone();
        known.name = "known".into();
        known.purl = "pkg:npm/known@2.0.0".into();
        now.components.push(known);
        let known_a = Assessment::new(&now, &policy, "0");
        let key = crate::violations::violations(&known_a)
            .into_iter()
            .find(|v| v.component.is_some_and(|c| c.name == "known"))
            .unwrap()
            .key();
        baseline.violations.insert(key, "known".into());
        let gate = Gate::new(&known_a, Some(&baseline), Verdict::Fail);
        let html = html_report(&known_a, &gate);
        let violations = section(&html, "<section id=\"violations\">", "</section>");
        assert!(violations.contains("<th>Status</th>"));
        assert!(violations.contains("<span class=\"badge new\">new</span>"));
        assert!(violations.contains("<span class=\"badge known\">known</span>"));
        assert!(violations.find("badge new").unwrap() < violations.find("badge known").unwrap());
        assert!(violations.contains("Fixed since the baseline"));
        assert!(violations.contains("pkg:npm/gone"), "{violations}");
        let summary = section(&html, "<section id=\"summary\">", "</section>");
        assert!(
            summary.contains("baseline <code>baseline.json</code>"),
            "{summary}"
        );
        assert!(
            summary.contains("1 new violation fails it, 1 known, 1 fixed"),
            "{summary}"
        );
    }

    #[test]
    fn vendored_code_and_foreign_files_are_flagged() {
        let (inv, html) = report_of("05_vendored_code");
        let risk = section(&html, "<section id=\"risk\">", "</section>");
        assert!(
            inv.components
                .iter()
                .any(|c| c.ecosystem == Ecosystem::Generic)
        );
        assert!(
            risk.contains("copied in without a package manifest"),
            "{risk}"
        );
        assert!(!inv.foreign.is_empty());
        assert!(risk.contains("under another license"), "{risk}");
        let own = section(&html, "<section id=\"own-code\">", "</section>");
        for f in &inv.foreign {
            assert!(own.contains(&esc(&f.path)), "{own}");
        }
    }

    #[test]
    fn unmet_obligations_are_shown() {
        let (inv, html) = report_of("06_product_notices");
        let details = section(
            &html,
            "<section id=\"details\">",
            "<section id=\"own-code\">",
        );
        assert!(details.contains("<h4>Unmet obligations</h4>"), "{details}");
        assert!(details.contains("<h4>Obligations</h4>"));
        assert!(details.contains("Keep the copyright notices"));
        assert!(!inv.components.is_empty());
    }

    #[test]
    fn categories_follow_the_policy() {
        let text = "[licenses]\nallow = [\"category:permissive\"]\n\n[categories]\n\"AGPL-3.0-only\" = \"permissive\"\n";
        let policy = Policy::from_toml("p.toml", text).expect("policy");
        let inv = demo("relabelled", "node_modules/relabelled");
        let a = Assessment::new(&inv, &policy, "0");
        let e = a.evaluations[0].as_ref();
        assert_eq!(category_of(&inv.components[0], e), Category::Permissive);
        assert_eq!(
            category_of(&inv.components[0], None),
            Category::NetworkCopyleft
        );
        let mut unknown = inv.components[0].clone();
        unknown.concluded.expression = None;
        assert_eq!(category_of(&unknown, None), Category::Unknown);
    }

    /// Every element the report opens is closed, in order (void elements aside).
    fn assert_balanced(html: &str) {
        const VOID: &[&str] = &["meta", "link", "input", "br", "rect", "img", "hr"];
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>').expect("unclosed tag");
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if tag.starts_with('!') || tag.ends_with('/') {
                continue;
            }
            let name = tag
                .trim_start_matches('/')
                .split([' ', '\n'])
                .next()
                .unwrap_or("");
            if let Some(closing) = tag.strip_prefix('/') {
                let open = stack.pop();
                assert_eq!(open, Some(closing), "</{closing}> closes {open:?}");
            } else if !VOID.contains(&name) {
                stack.push(name);
                // Script and style content is not markup.
                if name == "script" || name == "style" {
                    let close = format!("</{name}>");
                    rest = &rest[rest.find(&close).expect("closed")..];
                }
            }
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    #[test]
    fn tags_are_balanced() {
        for name in ["04_monorepo", "05_vendored_code", "06_product_notices"] {
            assert_balanced(&report_of(name).1);
        }
        let inv = demo("<td>", "</section>");
        let a = Assessment::new(&inv, &Policy::default_policy(), "0");
        let old = demo("gone", "x");
        let old_a = Assessment::new(&old, &Policy::default_policy(), "0");
        let gate = Gate::new(&a, Some(&Baseline::of(&old_a, "b<.json")), Verdict::Review);
        assert_balanced(&html_report(&a, &gate));
    }

    #[test]
    fn directory_groups() {
        assert_eq!(group_of("", true), ".");
        assert_eq!(group_of("Cargo.toml", false), ".");
        assert_eq!(group_of("web", true), "web");
        assert_eq!(group_of("web/node_modules/a", true), "web");
        assert_eq!(group_of("third_party/zlib/src", true), "third_party/zlib");
        assert_eq!(group_of("third_party/zlib.c", false), "third_party");
        assert_eq!(group_of("vendor/serde", true), "vendor/serde");
        assert_eq!(group_of("src/lib/x.c", false), "src");
    }
}

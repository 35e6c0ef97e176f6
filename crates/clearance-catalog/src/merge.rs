//! Joins what several catalogers found about the same package into one component.

use std::collections::BTreeMap;

use clearance_model::{Component, Origin, Scope};

/// Merges components with the same purl: sources, roots, owned files, declarations and
/// dependencies are united; a package that any source calls first-party is first-party; the scope
/// is the one that ships the most (runtime over optional over build over dev), since one shipping
/// path is enough for the license to apply. The result is sorted by purl, and every list in it is
/// sorted and de-duplicated.
///
/// # Example
/// ```
/// use clearance_model::{Component, Ecosystem, Source};
/// let mut a = Component::new(Ecosystem::Npm, "a", Some("1.0.0".into()), "pkg:npm/a@1.0.0".into());
/// a.sources.push(Source { cataloger: "npm-package-lock".into(), path: "package-lock.json".into(), line: Some(9) });
/// let mut b = a.clone();
/// b.sources = vec![Source { cataloger: "npm-package-json".into(), path: "node_modules/a/package.json".into(), line: None }];
/// b.roots.push("node_modules/a".into());
/// let merged = clearance_catalog::merge(vec![a, b]);
/// assert_eq!(merged.len(), 1);
/// assert_eq!(merged[0].sources.len(), 2);
/// assert_eq!(merged[0].roots, ["node_modules/a"]);
/// ```
pub fn merge(components: Vec<Component>) -> Vec<Component> {
    let mut by_purl: BTreeMap<String, Component> = BTreeMap::new();
    for c in components {
        match by_purl.get_mut(&c.purl) {
            None => {
                by_purl.insert(c.purl.clone(), c);
            }
            Some(into) => absorb(into, c),
        }
    }
    // A dependency declared without a version (`attrs>=24.2` in a `pyproject.toml`) is the
    // package of that name found with one (installed, or pinned by a lockfile): it joins each
    // of them rather than standing apart as an unknown package.
    let mut versioned: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unversioned = Vec::new();
    for (p, c) in &by_purl {
        if c.version.is_some() {
            versioned
                .entry(clearance_model::purl_package(p).to_string())
                .or_default()
                .push(p.clone());
        } else if c.origin == Origin::ThirdParty {
            unversioned.push(p.clone());
        }
    }
    let mut redirect: BTreeMap<String, &Vec<String>> = BTreeMap::new();
    for purl in unversioned {
        let Some(targets) = versioned.get(clearance_model::purl_package(&purl)) else {
            continue;
        };
        let Some(declared) = by_purl.remove(&purl) else {
            continue;
        };
        redirect.insert(purl.clone(), targets);
        for p in targets {
            if let Some(into) = by_purl.get_mut(p) {
                absorb(into, declared.clone());
            }
        }
    }
    // Dependency edges to a package declared without a version lead to the versions found.
    if !redirect.is_empty() {
        for c in by_purl.values_mut() {
            if c.dependencies.iter().any(|d| redirect.contains_key(d)) {
                c.dependencies = std::mem::take(&mut c.dependencies)
                    .into_iter()
                    .flat_map(|d| match redirect.get(&d) {
                        Some(targets) => (*targets).clone(),
                        None => vec![d],
                    })
                    .collect();
            }
        }
    }
    by_purl
        .into_values()
        .map(|mut c| {
            tidy(&mut c);
            c
        })
        .collect()
}

fn scope_rank(s: Option<Scope>) -> u8 {
    // Unknown scope is treated as shipping: never drop an obligation by guessing.
    s.unwrap_or(Scope::Runtime).shipping_rank()
}

fn absorb(into: &mut Component, other: Component) {
    if other.origin == Origin::FirstParty {
        into.origin = Origin::FirstParty;
    }
    // A source that does not know the scope says nothing: keep the scope of sources that know it,
    // unless none does.
    into.scope = match (into.scope, other.scope) {
        (None, s) | (s, None) => s,
        (Some(a), Some(b)) => Some(if scope_rank(Some(a)) >= scope_rank(Some(b)) {
            a
        } else {
            b
        }),
    };
    // Direct if any source says so.
    into.direct = match (into.direct, other.direct) {
        (None, d) | (d, None) => d,
        (Some(a), Some(b)) => Some(a || b),
    };
    if into.version.is_none() {
        into.version = other.version;
    }
    into.roots.extend(other.roots);
    into.owned_files.extend(other.owned_files);
    for d in other.declared {
        if !into
            .declared
            .iter()
            .any(|x| x.raw == d.raw && x.source == d.source)
        {
            into.declared.push(d);
        }
    }
    into.detected.extend(other.detected);
    into.sources.extend(other.sources);
    if into.supplier.is_none() {
        into.supplier = other.supplier;
    }
    for a in other.authors {
        if !into.authors.contains(&a) {
            into.authors.push(a);
        }
    }
    into.hashes.extend(other.hashes);
    into.dependencies.extend(other.dependencies);
}

fn tidy(c: &mut Component) {
    c.roots.sort();
    c.roots.dedup();
    c.owned_files.sort();
    c.owned_files.dedup();
    c.sources.sort();
    c.sources.dedup();
    c.dependencies.sort();
    c.dependencies.dedup();
    c.dependencies.retain(|d| *d != c.purl);
    c.hashes.sort();
    c.hashes.dedup();
    // Installed manifests first (they describe the files present), then lockfiles; stable by path.
    c.declared.sort_by(|a, b| {
        (a.source.path.as_str(), a.raw.as_str()).cmp(&(b.source.path.as_str(), b.raw.as_str()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::Ecosystem;

    fn comp(scope: Option<Scope>) -> Component {
        let mut c = Component::new(Ecosystem::Npm, "a", Some("1".into()), "pkg:npm/a@1".into());
        c.scope = scope;
        c
    }

    #[test]
    fn a_dependency_declared_without_a_version_joins_the_installed_package() {
        let mut declared = comp(Some(Scope::Runtime));
        declared.name = "attrs".into();
        declared.version = None;
        declared.purl = "pkg:pypi/attrs".into();
        declared.direct = Some(true);
        let mut installed = comp(None);
        installed.name = "attrs".into();
        installed.version = Some("26.1.0".into());
        installed.purl = "pkg:pypi/attrs@26.1.0".into();
        installed.roots = vec!["site-packages/attrs-26.1.0.dist-info".into()];
        let mut other = comp(None);
        other.version = None;
        other.purl = "pkg:pypi/attrs-strict".into();
        let mut project = comp(None);
        project.origin = Origin::FirstParty;
        project.purl = "pkg:pypi/acme@1.0.0".into();
        project.dependencies = vec!["pkg:pypi/attrs".into(), "pkg:pypi/attrs-strict".into()];
        let m = merge(vec![declared, installed, other, project]);
        let purls: Vec<&str> = m.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:pypi/acme@1.0.0",
                "pkg:pypi/attrs-strict",
                "pkg:pypi/attrs@26.1.0"
            ]
        );
        // The project's edge leads to the installed version.
        assert_eq!(
            m[0].dependencies,
            ["pkg:pypi/attrs-strict", "pkg:pypi/attrs@26.1.0"]
        );
        let m = &m[1..];
        assert_eq!(m[1].direct, Some(true));
        assert_eq!(m[1].scope, Some(Scope::Runtime));
    }

    #[test]
    fn shipping_scope_wins() {
        let m = merge(vec![comp(Some(Scope::Dev)), comp(Some(Scope::Runtime))]);
        assert_eq!(m[0].scope, Some(Scope::Runtime));
        let m = merge(vec![comp(Some(Scope::Dev)), comp(None)]);
        assert_eq!(m[0].scope, Some(Scope::Dev));
        let m = merge(vec![comp(Some(Scope::Dev)), comp(Some(Scope::Optional))]);
        assert_eq!(m[0].scope, Some(Scope::Optional));
    }

    #[test]
    fn self_dependency_is_dropped() {
        let mut c = comp(None);
        c.dependencies = vec![
            "pkg:npm/a@1".into(),
            "pkg:npm/b@2".into(),
            "pkg:npm/b@2".into(),
        ];
        let m = merge(vec![c]);
        assert_eq!(m[0].dependencies, ["pkg:npm/b@2"]);
    }
}

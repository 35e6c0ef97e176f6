//! License names as people write them in prose and manifests, generated per family: a family's
//! names ("GNU General Public License", "GPL", "GNU Public License") times its versions ("2",
//! "2.0", "v2", "v.2") times the "or later" and "only" wordings ("or later", "or any later",
//! "or higher", "+"). Keys are in [`squash`](crate::declared::squash)ed form, as
//! [`NAMES`](crate::declared::NAMES) are; that hand-written table wins where both have a key.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A family: its names, its versions (as written, with the SPDX id each gives), and how its
/// versions qualify.
struct Family {
    names: &'static [&'static str],
    /// `(version as written in the key, SPDX id stem)`.
    versions: &'static [(&'static str, &'static str)],
    /// `true` for the GNU family: ids take `-only` / `-or-later`.
    gnu: bool,
    /// Names that are also written fused with the version: "gplv2", "lgpl2.1", "apache2".
    fused: &'static [&'static str],
}

const GPL: Family = Family {
    names: &[
        "gpl",
        "gnu gpl",
        "gnu general public",
        "general public",
        "gnu public",
        "gpl gnu general public",
        // "the Gnu license version 2"
        "gnu",
    ],
    versions: &[("1", "GPL-1.0"), ("2", "GPL-2.0"), ("3", "GPL-3.0")],
    gnu: true,
    fused: &["gpl", "gnu gpl"],
};
const LGPL: Family = Family {
    names: &[
        "lgpl",
        "gnu lgpl",
        "gnu lesser general public",
        "lesser general public",
        "gnu library general public",
        "library general public",
        "gnu lesser library general public",
        "gnu library lesser general public",
        "gnu library or lesser general public",
        "gnu lesser or library general public",
        "lesser gpl",
        "gnu lesser gpl",
        "library gpl",
        "gnu library gpl",
        "gnu lesser public",
        "lesser public",
        "gnu library public",
        "lesser gnu public",
        "lesser gnu general public",
    ],
    versions: &[("2", "LGPL-2.0"), ("2.1", "LGPL-2.1"), ("3", "LGPL-3.0")],
    gnu: true,
    fused: &["lgpl", "gnu lgpl"],
};
const AGPL: Family = Family {
    names: &[
        "agpl",
        "gnu agpl",
        "gnu affero general public",
        "affero general public",
        "gnu affero public",
        "affero public",
        "affero gpl",
        "gnu affero gpl",
    ],
    versions: &[("1", "AGPL-1.0"), ("3", "AGPL-3.0")],
    gnu: true,
    fused: &["agpl", "gnu agpl"],
};
const GFDL: Family = Family {
    names: &[
        "gfdl",
        "gnu fdl",
        "fdl",
        "gnu free documentation",
        "free documentation",
    ],
    versions: &[
        ("1.1", "GFDL-1.1"),
        ("1.2", "GFDL-1.2"),
        ("1.3", "GFDL-1.3"),
    ],
    gnu: true,
    fused: &["gfdl", "fdl"],
};

/// Families whose ids are the stem itself.
const PLAIN: &[Family] = &[
    Family {
        names: &["apache", "apache software", "asl", "apache public"],
        versions: &[
            ("1", "Apache-1.0"),
            ("1.1", "Apache-1.1"),
            ("2", "Apache-2.0"),
        ],
        gnu: false,
        fused: &["apache", "asl"],
    },
    Family {
        names: &["mozilla public", "mpl", "mozilla"],
        versions: &[("1", "MPL-1.0"), ("1.1", "MPL-1.1"), ("2", "MPL-2.0")],
        gnu: false,
        fused: &["mpl"],
    },
    Family {
        names: &["eclipse public", "epl", "eclipse"],
        versions: &[("1", "EPL-1.0"), ("2", "EPL-2.0")],
        gnu: false,
        fused: &["epl"],
    },
    Family {
        names: &["eclipse distribution", "edl"],
        versions: &[("1", "BSD-3-Clause")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["common development and distribution", "cddl"],
        versions: &[("1", "CDDL-1.0"), ("1.1", "CDDL-1.1")],
        gnu: false,
        fused: &["cddl"],
    },
    Family {
        names: &["academic free", "afl"],
        versions: &[
            ("1.1", "AFL-1.1"),
            ("1.2", "AFL-1.2"),
            ("2", "AFL-2.0"),
            ("2.1", "AFL-2.1"),
            ("3", "AFL-3.0"),
        ],
        gnu: false,
        fused: &["afl"],
    },
    Family {
        names: &["open software", "osl"],
        versions: &[
            ("1", "OSL-1.0"),
            ("1.1", "OSL-1.1"),
            ("2", "OSL-2.0"),
            ("2.1", "OSL-2.1"),
            ("3", "OSL-3.0"),
        ],
        gnu: false,
        fused: &["osl"],
    },
    Family {
        names: &["artistic", "perl artistic"],
        versions: &[("1", "Artistic-1.0"), ("2", "Artistic-2.0")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["european union public", "eupl"],
        versions: &[("1", "EUPL-1.0"), ("1.1", "EUPL-1.1"), ("1.2", "EUPL-1.2")],
        gnu: false,
        fused: &["eupl"],
    },
    Family {
        names: &["cecill"],
        versions: &[
            ("1", "CECILL-1.0"),
            ("1.1", "CECILL-1.1"),
            ("2", "CECILL-2.0"),
            ("2.1", "CECILL-2.1"),
        ],
        gnu: false,
        fused: &["cecill"],
    },
    Family {
        names: &["lucent public", "lpl"],
        versions: &[("1", "LPL-1.0"), ("1.02", "LPL-1.02")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["sil open font", "open font", "ofl"],
        versions: &[("1", "OFL-1.0"), ("1.1", "OFL-1.1")],
        gnu: false,
        fused: &["ofl"],
    },
    Family {
        names: &["boost software", "boost"],
        versions: &[("1", "BSL-1.0")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["universal permissive", "upl"],
        versions: &[("1", "UPL-1.0")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["business source", "busl", "bsl"],
        versions: &[("1.1", "BUSL-1.1")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["server side public", "sspl"],
        versions: &[("1", "SSPL-1.0")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["open database", "odbl"],
        versions: &[("1", "ODbL-1.0")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["python software foundation", "psf"],
        versions: &[("2", "PSF-2.0")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["zope public", "zpl"],
        versions: &[("1.1", "ZPL-1.1"), ("2", "ZPL-2.0"), ("2.1", "ZPL-2.1")],
        gnu: false,
        fused: &[],
    },
    Family {
        names: &["php"],
        versions: &[("3", "PHP-3.0"), ("3.01", "PHP-3.01")],
        gnu: false,
        fused: &[],
    },
];

/// Names without versions, each with the one license it stands for.
const UNVERSIONED: &[(&str, &str)] = &[
    ("gnu lesser library general public", "LGPL-2.0-or-later"),
    ("gnu library general public", "LGPL-2.0-or-later"),
    ("library general public", "LGPL-2.0-or-later"),
    ("lesser general public", "LGPL-2.0-or-later"),
    ("lesser gpl", "LGPL-2.0-or-later"),
    ("gnu library public", "LGPL-2.0-or-later"),
    ("lesser gnu public", "LGPL-2.0-or-later"),
    ("lesser gnu general public", "LGPL-2.0-or-later"),
    // SPDX knows one version of the Business Source License.
    ("business source", "BUSL-1.1"),
    ("gnu public", "GPL-1.0-or-later"),
    ("general public", "GPL-1.0-or-later"),
    ("affero general public", "AGPL-3.0-or-later"),
    ("gnu affero general public", "AGPL-3.0-or-later"),
    ("gnu free documentation", "GFDL-1.3-or-later"),
    ("gfdl", "GFDL-1.3-or-later"),
    ("microsoft public", "MS-PL"),
    ("ms-pl", "MS-PL"),
    ("microsoft reciprocal", "MS-RL"),
    ("ms-rl", "MS-RL"),
    ("open database", "ODbL-1.0"),
    ("odbl", "ODbL-1.0"),
    ("mozilla public", "MPL-2.0"),
    ("eclipse public", "EPL-1.0"),
    ("eclipse distribution", "BSD-3-Clause"),
    ("common development and distribution", "CDDL-1.0"),
    ("cddl", "CDDL-1.0"),
    ("three-clause bsd", "BSD-3-Clause"),
    ("3 clause bsd", "BSD-3-Clause"),
    ("bsd three-clause", "BSD-3-Clause"),
    ("bsd three clause", "BSD-3-Clause"),
    ("bsd-3-clause", "BSD-3-Clause"),
    ("new-bsd", "BSD-3-Clause"),
    ("bsd-new", "BSD-3-Clause"),
    ("new bsd-style", "BSD-3-Clause"),
    ("revised bsd-style", "BSD-3-Clause"),
    ("modified bsd-style", "BSD-3-Clause"),
    ("two-clause bsd", "BSD-2-Clause"),
    ("2-clauses bsd", "BSD-2-Clause"),
    ("3-clauses bsd", "BSD-3-Clause"),
    ("2 clause bsd", "BSD-2-Clause"),
    ("bsd two-clause", "BSD-2-Clause"),
    ("bsd-simplified", "BSD-2-Clause"),
    ("simplified bsd-style", "BSD-2-Clause"),
    ("4-clause bsd", "BSD-4-Clause"),
    ("four-clause bsd", "BSD-4-Clause"),
    ("bsd 4-clause", "BSD-4-Clause"),
    ("original bsd", "BSD-4-Clause"),
    ("bsd-old", "BSD-4-Clause"),
    ("isc-style", "ISC"),
    ("openssl", "OpenSSL"),
    ("zlib-style", "Zlib"),
    ("sil open font", "OFL-1.1"),
    ("universal permissive", "UPL-1.0"),
    ("server side public", "SSPL-1.0"),
    ("apache public", "Apache-2.0"),
    ("unicode", "Unicode-3.0"),
    ("unicode data files and software", "Unicode-3.0"),
    ("cecill-b", "CECILL-B"),
    ("cecill-c", "CECILL-C"),
    ("do what fuck you want to public", "WTFPL"),
    ("creative commons zero", "CC0-1.0"),
    ("cc zero", "CC0-1.0"),
];

/// How a version is written: "2" is also "2.0", "v2", "v.2", "v 2", "ver 2", "ver. 2", "rev 2".
fn version_forms(v: &str) -> Vec<String> {
    let mut bare = vec![v.to_string()];
    if !v.contains('.') {
        bare.push(format!("{v}.0"));
    }
    let mut out = Vec::new();
    for b in &bare {
        for prefix in [
            "",
            "v",
            "v.",
            "v ",
            "v. ",
            "ver ",
            "ver. ",
            "rev ",
            "rev. ",
            "revision ",
        ] {
            out.push(format!("{prefix}{b}"));
        }
    }
    out
}

/// "or later" and "only" as people write them after a version.
const LATER: &[&str] = &[
    "or later",
    "or any later",
    "or newer",
    "or any newer",
    "or higher",
    "or above",
    "or greater",
    "and later",
    "and any later",
    "or any higher",
    "and above",
    "and higher",
    "or later versions",
    "or any later versions",
    "or at your option any later",
    "or at your option later",
    "or at your choice any later",
    "or at your discretion any later",
    "or any subsequent",
    "or subsequent",
    "+",
];
const ONLY: &[&str] = &["only", "only as published by free software foundation"];

fn generate() -> HashMap<String, String> {
    let mut m: HashMap<String, String> = HashMap::new();
    let mut add = |k: String, v: String| {
        m.entry(k).or_insert(v);
    };
    for f in [&GPL, &LGPL, &AGPL, &GFDL].into_iter().chain(PLAIN.iter()) {
        for &(version, stem) in f.versions {
            let forms = version_forms(version);
            let only = if f.gnu {
                format!("{stem}-only")
            } else {
                stem.to_string()
            };
            let later = if f.gnu {
                format!("{stem}-or-later")
            } else {
                stem.to_string()
            };
            let mut keys: Vec<String> = Vec::new();
            for name in f.names {
                for form in &forms {
                    keys.push(format!("{name} {form}"));
                }
            }
            for name in f.fused {
                for form in &forms {
                    if !form.contains(' ') {
                        keys.push(format!("{name}{form}"));
                        keys.push(format!("{name}-{form}"));
                    }
                }
            }
            for key in keys {
                let spaced = |s: &str| {
                    if s == "+" {
                        format!("{key}+")
                    } else {
                        format!("{key} {s}")
                    }
                };
                if f.gnu {
                    for s in LATER {
                        add(spaced(s), later.clone());
                    }
                    for s in ONLY {
                        add(spaced(s), only.clone());
                    }
                    add(key.clone(), only.clone());
                } else {
                    add(key.clone(), only.clone());
                    // "Apache License 2.0 or later" is not a wording of the Apache family's ids:
                    // the version stands.
                    for s in LATER {
                        add(spaced(s), later.clone());
                    }
                }
            }
        }
    }
    for &(k, v) in UNVERSIONED {
        add(k.to_string(), v.to_string());
    }
    // Creative Commons: attribution, its conditions (in either order, hyphenated or not) and
    // the versions each was published in.
    const NC: &[&str] = &["noncommercial", "non-commercial", "non commercial", "nc"];
    const SA: &[&str] = &["sharealike", "share alike", "share-alike", "sa"];
    const ND: &[&str] = &[
        "noderivatives",
        "noderivs",
        "no derivatives",
        "no-derivatives",
        "no derivs",
        "no derivative works",
        "no derivate",
        "nd",
    ];
    // "NonCommercial" then "ShareAlike" or "NoDerivatives", joined by a space or a hyphen
    // ("Non Commercial Share Alike", "NonCommercial-NoDerivs"); either order.
    let pairs = |second: &[&str]| -> Vec<String> {
        let mut out = Vec::new();
        for a in NC {
            for b in second {
                for sep in [" ", "-"] {
                    out.push(format!("{a}{sep}{b}"));
                    out.push(format!("{b}{sep}{a}"));
                }
            }
        }
        out
    };
    let (nc_sa, nc_nd) = (pairs(SA), pairs(ND));
    let nc_sa: Vec<&str> = nc_sa.iter().map(String::as_str).collect();
    let nc_nd: Vec<&str> = nc_nd.iter().map(String::as_str).collect();
    let conditions: &[(&[&str], &str)] = &[
        (&[""], "BY"),
        (SA, "BY-SA"),
        (NC, "BY-NC"),
        (ND, "BY-ND"),
        (&nc_sa, "BY-NC-SA"),
        (&nc_nd, "BY-NC-ND"),
    ];
    let heads = [
        "creative commons attribution",
        "cc attribution",
        "creative commons by",
        "cc by",
        "cc-by",
        "attribution",
    ];
    for (words, id) in conditions {
        for head in heads {
            for w in *words {
                let name = if w.is_empty() {
                    head.to_string()
                } else {
                    format!("{head}-{w}")
                };
                let alt = if w.is_empty() {
                    head.to_string()
                } else {
                    format!("{head} {w}")
                };
                for version in ["1.0", "2.0", "2.5", "3.0", "4.0"] {
                    let spdx = format!("CC-{id}-{version}");
                    if crate::expr::canonical_license_id(&spdx).is_none() {
                        continue;
                    }
                    let short = version.trim_end_matches(".0");
                    for n in [&name, &alt] {
                        for v in [version, short] {
                            add(format!("{n} {v}"), spdx.clone());
                            add(format!("{n} {v} international"), spdx.clone());
                            add(format!("{n} {v} unported"), spdx.clone());
                            add(format!("{n} {v} generic"), spdx.clone());
                        }
                    }
                }
            }
        }
    }
    m
}

/// Generated names, in [`squash`](crate::declared::squash)ed form.
pub static GENERATED: LazyLock<HashMap<String, String>> = LazyLock::new(generate);

#[cfg(test)]
mod tests {
    use super::*;

    fn get(k: &str) -> Option<&str> {
        GENERATED.get(k).map(String::as_str)
    }

    #[test]
    fn gnu_versions_and_qualifiers() {
        assert_eq!(get("gnu public v.2"), Some("GPL-2.0-only"));
        assert_eq!(
            get("gnu general public 2 or any later"),
            Some("GPL-2.0-or-later")
        );
        assert_eq!(get("gplv2+"), Some("GPL-2.0-or-later"));
        assert_eq!(get("gnu library public"), Some("LGPL-2.0-or-later"));
        assert_eq!(get("lesser gnu public 3"), Some("LGPL-3.0-only"));
        assert_eq!(get("business source"), Some("BUSL-1.1"));
        assert_eq!(
            get("gnu lesser library general public"),
            Some("LGPL-2.0-or-later")
        );
        assert_eq!(get("lgpl 2.1 or later"), Some("LGPL-2.1-or-later"));
        assert_eq!(get("gnu lesser general public v2.1"), Some("LGPL-2.1-only"));
        assert_eq!(get("affero general public 3"), Some("AGPL-3.0-only"));
        assert_eq!(
            get("gnu free documentation 1.1 or at your option any later"),
            Some("GFDL-1.1-or-later")
        );
        // No version 4 of the GPL.
        assert_eq!(get("gpl 4"), None);
    }

    #[test]
    fn keys_are_squashed() {
        // Keys are looked up in squashed form: a key squash would change could never match.
        for k in GENERATED.keys() {
            assert_eq!(&crate::declared::squash(k), k);
        }
    }

    #[test]
    fn other_families() {
        assert_eq!(get("asl 2.0"), Some("Apache-2.0"));
        assert_eq!(get("apache software 1.1"), Some("Apache-1.1"));
        assert_eq!(get("eclipse public 2.0"), Some("EPL-2.0"));
        assert_eq!(
            get("common development and distribution 1.1"),
            Some("CDDL-1.1")
        );
        assert_eq!(get("academic free 2.0"), Some("AFL-2.0"));
        assert_eq!(get("lucent public 1.02"), Some("LPL-1.02"));
        assert_eq!(get("creative commons attribution 2.5"), Some("CC-BY-2.5"));
        assert_eq!(
            get("creative commons attribution-noncommercial-sharealike 4.0"),
            Some("CC-BY-NC-SA-4.0")
        );
        assert_eq!(get("cc by-sa 4.0"), Some("CC-BY-SA-4.0"));
        assert_eq!(
            get("creative commons attribution non commercial share alike 4.0 international"),
            Some("CC-BY-NC-SA-4.0")
        );
        assert_eq!(
            get("creative commons attribution-noderivs-noncommercial 1.0"),
            Some("CC-BY-NC-ND-1.0")
        );
        assert_eq!(get("cc by 4.0"), Some("CC-BY-4.0"));
        // No version 5.0 of the Creative Commons licenses.
        assert_eq!(get("cc by 5.0"), None);
        assert_eq!(
            get("creative commons attribution-noncommercial-sharealike 4.0 international"),
            Some("CC-BY-NC-SA-4.0")
        );
    }
}

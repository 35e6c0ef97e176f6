//! Criterion benchmarks of license detection: full-text matching of license files against the
//! SPDX list, the tag scan of ordinary source files, and building the license index.

use std::hint::black_box;

use clearance_detect::Detector;
use criterion::{Criterion, criterion_group, criterion_main};

fn text(id: &str) -> &'static str {
    spdx::text::LICENSE_TEXTS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, t)| *t)
        .expect("license text is bundled")
}

fn license_files(c: &mut Criterion) {
    let detector = Detector::new();
    let mit = format!("Copyright (c) 2016 The Example Authors\n\n{}", text("MIT"));
    let apache = text("Apache-2.0");
    let apache_no_appendix = &apache[..apache.find("APPENDIX").unwrap_or(apache.len())];
    let gpl3 = text("GPL-3.0-only");
    let dual = format!("{}\n\n---\n\n{}", text("MIT"), apache);
    let notice = "Apache Commons Lang\nCopyright 2001-2024 The Apache Software Foundation\n\n\
                  This product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n";

    let mut g = c.benchmark_group("license-file");
    g.bench_function("MIT", |b| {
        b.iter(|| detector.detect("LICENSE-MIT", black_box(mit.as_bytes())))
    });
    g.bench_function("Apache-2.0 without appendix", |b| {
        b.iter(|| detector.detect("LICENSE-APACHE", black_box(apache_no_appendix.as_bytes())))
    });
    g.bench_function("GPL-3.0", |b| {
        b.iter(|| detector.detect("COPYING", black_box(gpl3.as_bytes())))
    });
    g.bench_function("MIT then Apache-2.0", |b| {
        b.iter(|| detector.detect("LICENSE", black_box(dual.as_bytes())))
    });
    g.bench_function("NOTICE without license text", |b| {
        b.iter(|| detector.detect("NOTICE", black_box(notice.as_bytes())))
    });
    g.finish();
}

fn source_files(c: &mut Criterion) {
    let detector = Detector::new();
    let source = "// SPDX-License-Identifier: MIT OR Apache-2.0\n".to_string()
        + &"fn f(x: u32) -> u32 { x.wrapping_mul(31).rotate_left(7) }\n".repeat(400);
    let plain = "fn f(x: u32) -> u32 { x.wrapping_mul(31).rotate_left(7) }\n".repeat(400);
    let mut g = c.benchmark_group("source-file");
    g.throughput(criterion::Throughput::Bytes(source.len() as u64));
    g.bench_function("with SPDX tag", |b| {
        b.iter(|| detector.detect("src/lib.rs", black_box(source.as_bytes())))
    });
    g.bench_function("without tag", |b| {
        b.iter(|| detector.detect("src/lib.rs", black_box(plain.as_bytes())))
    });
    g.finish();
}

fn index(c: &mut Criterion) {
    let mut g = c.benchmark_group("index");
    g.sample_size(10);
    g.bench_function("build SPDX index", |b| b.iter(Detector::new));
    g.finish();
}

criterion_group!(benches, license_files, source_files, index);
criterion_main!(benches);

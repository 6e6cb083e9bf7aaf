//! What each rule's check costs: loads every vendor under PATH, then runs every rule on each
//! vendor (one context per vendor, as the engine does, so what rules share is derived once) and
//! prints the time spent in each rule's check, most expensive first, on one thread. Loading and
//! the engine's own work (findings, waivers, verdict) are not counted.
//!
//! `cargo build --release --example rulecost && target/release/examples/rulecost PATH [AS_OF]`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use vendorcert::rules::{Ctx, PortfolioIndex, RULES};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: rulecost PATH [AS_OF]");
        std::process::exit(2);
    };
    let as_of = args.next().unwrap_or_else(|| "2026-11-23".to_string());
    let as_of = vendorcert::evidence::date::parse_date(&as_of).expect("AS_OF is YYYY-MM-DD");
    let (files, _) = vendorcert::portfolio::discover(&[dir]);
    let vendors: Vec<_> = files
        .iter()
        .filter_map(|f| vendorcert::evidence::load::load_vendor(f).ok())
        .collect();
    let policy = vendorcert::policy::Policy::baseline();
    let index = PortfolioIndex::default();
    let mut spent = vec![(Duration::ZERO, 0usize); RULES.len()];
    for vendor in &vendors {
        let ctx = Ctx::new(vendor, as_of, &policy.thresholds, &index, &[]);
        for (rule, (time, outcomes)) in RULES.iter().zip(&mut spent) {
            let start = Instant::now();
            *outcomes += (rule.check)(&ctx).len();
            *time += start.elapsed();
        }
    }
    let total: Duration = spent.iter().map(|s| s.0).sum();
    let mut rows: Vec<_> = RULES.iter().zip(spent).collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1.0));
    for (rule, (time, outcomes)) in rows {
        println!(
            "{:8.1} ms {:5.1}% {outcomes:>8} outcomes  {}",
            time.as_secs_f64() * 1e3,
            100.0 * time.as_secs_f64() / total.as_secs_f64(),
            rule.id
        );
    }
    println!(
        "{:8.1} ms over {} vendors, {:.1} us a vendor",
        total.as_secs_f64() * 1e3,
        vendors.len(),
        total.as_secs_f64() * 1e6 / vendors.len().max(1) as f64
    );
}

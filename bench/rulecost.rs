use std::path::PathBuf;
use std::time::Instant;
use vendorcert::rules::{Ctx, PortfolioIndex, RULES};
fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap());
    let (files, _) = vendorcert::portfolio::discover(&[dir]);
    let vendors: Vec<_> = files.iter().filter_map(|f| vendorcert::evidence::load::load_vendor(f).ok()).collect();
    let as_of = vendorcert::evidence::date::parse_date("2026-11-23").unwrap();
    let policy = vendorcert::policy::Policy::baseline();
    let index = PortfolioIndex::default();
    let mut rows = Vec::new();
    let mut total = 0.0;
    for rule in RULES {
        let t = Instant::now();
        let mut n = 0;
        for v in &vendors {
            let ctx = Ctx::new(v, as_of, &policy.thresholds, &index, &[]);
            n += (rule.check)(&ctx).len();
        }
        let s = t.elapsed().as_secs_f64();
        total += s;
        rows.push((s, rule.id, n));
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for (s, id, n) in rows { println!("{:8.1} ms {:>7} outcomes {}", s * 1e3, n, id); }
    println!("total {:.1} ms over {} vendors", total * 1e3, vendors.len());
}

//! Time of `Report::compute` on random distributions of 10, 1000 and 10^6 outcomes
//! (compare with scipy's five calls on the same sizes: `python3 benches/scipy_measures.py`),
//! and of the same pass with the whole family (Rényi at α = 2 and W₁) added: the issue
//! asks the latter at 10^6 to stay within 1.5× the former, measured in the same run.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use klscope_core::info::Report;
use klscope_core::info::family::FamilyReport;
use rand::{Rng, SeedableRng, rngs::StdRng};
use std::hint::black_box;

fn random_distribution(rng: &mut StdRng, n: usize) -> Vec<f64> {
    let mut weights: Vec<f64> = (0..n).map(|_| rng.random::<f64>()).collect();
    let total: f64 = weights.iter().sum();
    weights.iter_mut().for_each(|w| *w /= total);
    weights
}

fn report(c: &mut Criterion) {
    let mut group = c.benchmark_group("report");
    let mut rng = StdRng::seed_from_u64(7);
    for n in [10usize, 1000, 1_000_000] {
        let p = random_distribution(&mut rng, n);
        let q = random_distribution(&mut rng, n);
        if n >= 1_000_000 {
            group.sample_size(20);
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| Report::compute(black_box(&p), black_box(&q)))
        });
    }
    group.finish();
}

fn report_family(c: &mut Criterion) {
    let mut group = c.benchmark_group("report_family");
    let mut rng = StdRng::seed_from_u64(7);
    for n in [10usize, 1000, 1_000_000] {
        let p = random_distribution(&mut rng, n);
        let q = random_distribution(&mut rng, n);
        if n >= 1_000_000 {
            group.sample_size(20);
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| FamilyReport::compute(black_box(&p), black_box(&q), 2.0, None))
        });
    }
    group.finish();
}

criterion_group!(benches, report, report_family);
criterion_main!(benches);

//! Time of every measure of two 4-component mixtures (`density/measures`) to the default
//! accuracy (each integral within 1e-11 absolute or relative), and of everything a
//! densities view recomputes on a drag (`density/view_data_64`: the measures, 64 bins and
//! their KL, 400 curve points). Target: under 1 ms, so that dragging a component is
//! instant.

use criterion::{Criterion, criterion_group, criterion_main};
use klscope_core::info::density::{
    Accuracy, Component, DensityReport, Mixture, Weighted, bin, covering_range, curves, fit_reverse,
};
use std::hint::black_box;

fn pair() -> (Mixture, Mixture) {
    let p = Mixture::new(vec![
        Weighted::new(0.1, Component::Gaussian { mean: -3.0, sd: 0.5 }),
        Weighted::new(0.4, Component::Laplace { centre: 0.0, scale: 1.0 }),
        Weighted::new(0.3, Component::Uniform { low: 1.0, high: 4.0 }),
        Weighted::new(0.2, Component::Gaussian { mean: 5.0, sd: 2.0 }),
    ]);
    let q = Mixture::new(vec![
        Weighted::new(0.25, Component::Gaussian { mean: -1.0, sd: 1.0 }),
        Weighted::new(0.25, Component::Laplace { centre: 2.0, scale: 0.5 }),
        Weighted::new(0.25, Component::Gaussian { mean: 0.0, sd: 4.0 }),
        Weighted::new(0.25, Component::Uniform { low: -2.0, high: 2.0 }),
    ]);
    match (p, q) {
        (Ok(p), Ok(q)) => (p, q),
        _ => panic!("the benchmark's mixtures are valid"),
    }
}

fn measures(c: &mut Criterion) {
    let (p, q) = pair();
    let report = DensityReport::compute(&p, &q, Accuracy::default());
    eprintln!("density/measures: {} integrand evaluations", report.evaluations);
    let mut group = c.benchmark_group("density");
    group.bench_function("measures", |b| {
        b.iter(|| DensityReport::compute(black_box(&p), black_box(&q), Accuracy::default()))
    });
    group.bench_function("view_data_64", |b| {
        b.iter(|| {
            let report = DensityReport::compute(black_box(&p), black_box(&q), Accuracy::default());
            let range = covering_range(&p, &q);
            let binned = bin(&p, &q, range, 64).map(|b| (b.kl_pq(), b.report()));
            let points = curves(&p, &q, range, 400);
            (report, binned, points)
        })
    });
    let bimodal = Mixture::new(vec![
        Weighted::new(0.6, Component::Gaussian { mean: -2.0, sd: 0.6 }),
        Weighted::new(0.4, Component::Gaussian { mean: 2.5, sd: 0.8 }),
    ]);
    if let Ok(target) = bimodal {
        group.sample_size(10);
        group
            .bench_function("fit_reverse_bimodal", |b| b.iter(|| fit_reverse(black_box(&target), Accuracy::default())));
    }
    group.finish();
}

criterion_group!(benches, measures);
criterion_main!(benches);

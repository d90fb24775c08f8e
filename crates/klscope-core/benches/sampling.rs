//! Time of `sampling::sample`: 10^6 draws (the most a run takes) from the mode-seeking
//! preset (20 outcomes), and from 1000 random outcomes, where the draw's binary search is
//! longer. The app reruns a sample whenever P or Q change, so this must stay well under
//! 100 ms.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use klscope_core::info::sampling::{MAX_SAMPLES, sample};
use rand::{Rng, SeedableRng, rngs::StdRng};
use std::hint::black_box;

fn random_distribution(rng: &mut StdRng, n: usize) -> Vec<f64> {
    let mut weights: Vec<f64> = (0..n).map(|_| rng.random::<f64>()).collect();
    let total: f64 = weights.iter().sum();
    weights.iter_mut().for_each(|w| *w /= total);
    weights
}

fn sampling(c: &mut Criterion) {
    let mut group = c.benchmark_group("sampling");
    group.sample_size(20);
    let (p, q) = match klscope_core::scenario::find_builtin("mode-seeking") {
        Ok(scenario) => (scenario.p, scenario.q),
        Err(e) => panic!("the mode-seeking preset should load: {e}"),
    };
    group.bench_with_input(BenchmarkId::from_parameter(MAX_SAMPLES), &MAX_SAMPLES, |b, &n| {
        b.iter(|| sample(black_box(&p), black_box(&q), n, 1))
    });
    let mut rng = StdRng::seed_from_u64(7);
    let (p, q) = (random_distribution(&mut rng, 1000), random_distribution(&mut rng, 1000));
    group.bench_with_input(BenchmarkId::new("1000 outcomes", MAX_SAMPLES), &MAX_SAMPLES, |b, &n| {
        b.iter(|| sample(black_box(&p), black_box(&q), n, 1))
    });
    group.finish();
}

criterion_group!(benches, sampling);
criterion_main!(benches);

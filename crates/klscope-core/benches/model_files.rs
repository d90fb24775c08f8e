//! Time to open a model's output of 10⁶ values (the most klscope takes): read the numbers
//! from the bytes (.npy float32, or CSV as `np.savetxt` writes it, `%.18e`, one per line),
//! name the outcomes 0, 1, … and check them as probabilities (rescaled, as float32 needs).
//! Both must stay well under a second. `read_npy` and `read_csv` time the numbers alone.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use klscope_core::model_files::{Reading, index_labels, probabilities, read_numbers};
use std::hint::black_box;

const N: usize = 1_000_000;

/// Values in (0, 1], varied so that no parser takes a shortcut.
fn values() -> Vec<f32> {
    (0..N).map(|i| ((i * 7919) % 1000 + 1) as f32 / 1000.0).collect()
}

fn npy_bytes(values: &[f32]) -> Vec<u8> {
    let mut header = format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({},), }}", values.len());
    while !(10 + header.len() + 1).is_multiple_of(64) {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&(header.len() as u16).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend(values.iter().flat_map(|v| v.to_le_bytes()));
    bytes
}

fn csv_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().map(|v| format!("{:.18e}\n", f64::from(*v))).collect::<String>().into_bytes()
}

fn open(name: &str, bytes: &[u8]) -> Vec<f64> {
    let values = read_numbers(name, bytes).unwrap_or_default();
    let labels = index_labels(values.len());
    probabilities(name, "q", values, &labels, Reading::Rescaled).unwrap_or_default()
}

fn model_files(c: &mut Criterion) {
    let values = values();
    for (group_name, name, bytes) in
        [("open_npy", "q.npy", npy_bytes(&values)), ("open_csv", "q.csv", csv_bytes(&values))]
    {
        assert_eq!(open(name, &bytes).len(), N, "{name} should open");
        let mut group = c.benchmark_group(group_name);
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::from_parameter(N), &bytes, |b, bytes| {
            b.iter(|| open(name, black_box(bytes)))
        });
        group.finish();
        // The numbers alone, without naming and checking the outcomes.
        let mut group = c.benchmark_group(group_name.replace("open", "read"));
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::from_parameter(N), &bytes, |b, bytes| {
            b.iter(|| read_numbers(name, black_box(bytes)))
        });
        group.finish();
    }
}

criterion_group!(benches, model_files);
criterion_main!(benches);

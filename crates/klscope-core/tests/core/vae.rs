//! The VAE's KL term: the closed form from (μ, ln σ²) against torch's formula from the
//! scale, the summed total against the quadrature, a batch read from .npy, and the Python
//! snippet run under numpy.

use klscope_core::export::python::vae_kl_script;
use klscope_core::info::Measure;
use klscope_core::info::density::vae::{Encoding, kl_to_standard_normal};
use klscope_core::info::density::{Accuracy, Component, DensityReport, Mixture};
use klscope_core::info::libraries::torch_vae_kl;
use klscope_core::model_files::read_encodings;
use proptest::prelude::*;
use std::process::Command;

proptest! {
    #[test]
    fn the_closed_form_is_what_torch_computes_from_the_scale(mu in -5.0..5.0f64, log_var in -8.0..4.0f64) {
        let closed = kl_to_standard_normal(mu, log_var);
        let torch = torch_vae_kl(&[mu], &[log_var])[0];
        prop_assert!((closed - torch).abs() <= 1e-12 * (1.0 + closed), "{closed} vs {torch}");
        prop_assert!(closed >= 0.0);
    }
}

#[test]
fn each_dimension_is_the_kl_the_quadrature_finds() {
    let prior = Mixture::single(Component::Gaussian { mean: 0.0, sd: 1.0 }).unwrap();
    let encoding = Encoding { mu: vec![0.3, -1.2, 2.0], log_var: vec![-0.5, 0.7, -3.0] };
    let per = encoding.per_dimension();
    for (i, (&m, &lv)) in encoding.mu.iter().zip(&encoding.log_var).enumerate() {
        let q = Mixture::single(Component::Gaussian { mean: m, sd: (0.5 * lv).exp() }).unwrap();
        let kl = DensityReport::by_quadrature(&q, &prior, Accuracy::default()).get(Measure::KlPQ);
        assert!(kl.contains(per[i]), "dimension {i}: {kl:?} vs {}", per[i]);
    }
    assert!((encoding.total() - per.iter().sum::<f64>()).abs() < 1e-15);
    let mistake = encoding.variance_as_scale();
    assert!((mistake[0] - kl_to_standard_normal(0.3, -1.0)).abs() < 1e-15, "σ² as the scale doubles ln σ²");
}

/// A version-1 .npy of float64 numbers in C order.
fn npy(shape: &str, values: &[f64]) -> Vec<u8> {
    let mut header = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}");
    while !(10 + header.len() + 1).is_multiple_of(64) {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&u16::try_from(header.len()).unwrap().to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend(values.iter().flat_map(|v| v.to_le_bytes()));
    bytes
}

#[test]
fn a_batch_reads_mu_then_log_variance_per_row() {
    let batch = read_encodings("z.npy", &npy("(2, 4)", &[0.1, 0.2, -1.0, -2.0, 1.0, 0.0, 0.5, 0.0])).unwrap();
    assert_eq!(batch.rows.len(), 2);
    assert_eq!(batch.rows[0], Encoding { mu: vec![0.1, 0.2], log_var: vec![-1.0, -2.0] });
    assert_eq!(batch.rows[1], Encoding { mu: vec![1.0, 0.0], log_var: vec![0.5, 0.0] });
    let mean = (batch.rows[0].total() + batch.rows[1].total()) / 2.0;
    assert_eq!(batch.mean_total(), mean);
    let one = read_encodings("z.npy", &npy("(2,)", &[0.5, 0.0])).unwrap();
    assert_eq!(one.rows, [Encoding { mu: vec![0.5], log_var: vec![0.0] }]);

    let odd = read_encodings("z.npy", &npy("(1, 3)", &[0.0; 3])).unwrap_err().to_string();
    assert_eq!(
        odd,
        "z.npy: the array has 3 columns; a batch of encodings has 2·dims: μ for each dimension, then ln σ² for each"
    );
    let nan = read_encodings("z.npy", &npy("(2, 2)", &[0.0, 0.0, 1.0, f64::NAN])).unwrap_err().to_string();
    assert_eq!(nan, "z.npy: row 1, column 1 is NaN; μ and ln σ² must be finite numbers");
}

#[test]
fn the_python_snippet_prints_what_klscope_computes() {
    let python = std::env::var("KLSCOPE_PYTHON").unwrap_or_else(|_| "python3".to_string());
    if !Command::new(&python).args(["-c", "import numpy"]).output().is_ok_and(|o| o.status.success()) {
        eprintln!("note: skipped running the script: no Python with numpy (set KLSCOPE_PYTHON)");
        return;
    }
    let encoding = Encoding { mu: vec![0.3, -1.2, 2.0], log_var: vec![-0.5, 0.7, -3.0] };
    let script = vae_kl_script(&encoding.mu, &encoding.log_var);
    let output = Command::new(&python).args(["-c", &script]).output().unwrap();
    assert!(output.status.success(), "{}\n{script}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value = |name: &str| -> f64 {
        let line = stdout.lines().find(|l| l.starts_with(&format!("{name} = "))).unwrap();
        line.split(" = ").nth(1).unwrap().parse().unwrap()
    };
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
    assert!(close(value("total"), encoding.total()), "{stdout}");
    assert!(close(value("closed_form_total"), encoding.total()), "{stdout}");
    assert!(close(value("variance_as_scale_total"), encoding.variance_as_scale().iter().sum()), "{stdout}");
    let per_line = stdout.lines().find(|l| l.starts_with("per_dimension = ")).unwrap();
    let per: Vec<f64> =
        per_line["per_dimension = ".len()..].trim_matches(['[', ']']).split(", ").map(|v| v.parse().unwrap()).collect();
    for (a, b) in per.iter().zip(encoding.per_dimension()) {
        assert!(close(*a, b), "{stdout}");
    }
}

//! Distribution constructors and the editing rules the app relies on.

use klscope_core::info::{Distribution, DistributionError};
use proptest::prelude::*;

fn labels(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("o{i}")).collect()
}

fn sum(d: &Distribution) -> f64 {
    d.probs().iter().sum()
}

#[test]
fn constructors_validate_with_precise_errors() {
    let two = || vec!["heads".to_string(), "tails".to_string()];
    assert!(Distribution::new(two(), vec![0.9, 0.1]).is_ok());
    let err = Distribution::new(two(), vec![1.5, -0.5]).unwrap_err();
    assert_eq!(err.message("p"), "p[1] ('tails') is -0.5: probabilities cannot be negative");
    let err = Distribution::new(two(), vec![f64::NAN, 0.5]).unwrap_err();
    assert_eq!(err.message("q"), "q[0] ('heads') is NaN: probabilities must be finite numbers");
    let err = Distribution::new(two(), vec![0.5, 0.6]).unwrap_err();
    assert_eq!(err, DistributionError::SumNotOne { sum: 1.1 });
    assert!(matches!(
        Distribution::new(two(), vec![0.5]),
        Err(DistributionError::LengthMismatch { labels: 2, values: 1 })
    ));
    assert_eq!(Distribution::new(vec![], vec![]), Err(DistributionError::Empty));
    assert!(matches!(
        Distribution::new(vec!["a".into(), "a".into()], vec![0.5, 0.5]),
        Err(DistributionError::DuplicateLabel { index: 1, .. })
    ));
    assert!(matches!(Distribution::new(vec![" ".into()], vec![1.0]), Err(DistributionError::EmptyLabel { index: 0 })));
    // Within 1e-9 of 1 is accepted as given, not silently rescaled.
    let thirds = Distribution::new(labels(3), vec![1.0 / 3.0; 3]).unwrap();
    assert_eq!(thirds.probs(), &[1.0 / 3.0; 3]);
}

#[test]
fn from_weights_rescales_and_rejects_all_zero() {
    let d = Distribution::from_weights(labels(2), vec![9.0, 1.0]).unwrap();
    assert_eq!(d.probs(), &[0.9, 0.1]);
    assert_eq!(Distribution::from_weights(labels(2), vec![0.0, 0.0]), Err(DistributionError::AllZero));
    assert!(matches!(
        Distribution::from_weights(labels(2), vec![1.0, -1.0]),
        Err(DistributionError::Negative { index: 1, .. })
    ));
    let huge = Distribution::from_weights(labels(2), vec![f64::MAX, f64::MAX]).unwrap();
    assert_eq!(huge.probs(), &[0.5, 0.5]);
}

#[test]
fn set_rescales_the_unlocked_others_in_proportion() {
    let mut d = Distribution::new(labels(3), vec![0.5, 0.3, 0.2]).unwrap();
    assert_eq!(d.set(0, 0.0).unwrap(), 0.0);
    assert!((d.probs()[1] - 0.6).abs() < 1e-15 && (d.probs()[2] - 0.4).abs() < 1e-15);
    // The others are all zero now except... set 1 to 1: the rest go to zero.
    d.set(1, 1.0).unwrap();
    assert_eq!(d.probs(), &[0.0, 1.0, 0.0]);
    // Others all zero: they share evenly.
    d.set(1, 0.4).unwrap();
    assert!((d.probs()[0] - 0.3).abs() < 1e-15 && (d.probs()[2] - 0.3).abs() < 1e-15);
}

#[test]
fn set_respects_locks_and_clamps_to_the_free_mass() {
    let mut d = Distribution::new(labels(3), vec![0.5, 0.3, 0.2]).unwrap();
    d.set_locked(2, true).unwrap();
    assert_eq!(d.set(0, 0.95).unwrap(), 0.8, "only 0.8 is free");
    assert_eq!(d.probs()[2], 0.2);
    assert_eq!(d.probs()[1], 0.0);
    // A locked outcome does not move.
    assert_eq!(d.set(2, 0.9).unwrap(), 0.2);
    // With every peer locked, nothing can move.
    d.set_locked(1, true).unwrap();
    assert_eq!(d.set(0, 0.1).unwrap(), 0.8);
    assert!(d.set(7, 0.1).is_err());
    assert!(d.set(0, f64::NAN).is_err());
}

#[test]
fn add_remove_rename_and_uniform() {
    let mut d = Distribution::new(labels(2), vec![0.75, 0.25]).unwrap();
    let i = d.add_outcome("new").unwrap();
    assert_eq!((i, d.probs()[2]), (2, 0.0));
    assert!(d.add_outcome("new").is_err(), "names are unique");
    assert!(d.add_outcome("  ").is_err(), "names are not empty");
    d.rename(2, "third").unwrap();
    assert_eq!(d.label(2), Some("third"));
    assert!(d.rename(2, "o0").is_err());
    d.remove_outcome(0).unwrap();
    assert_eq!(d.labels(), &["o1".to_string(), "third".to_string()]);
    assert!((d.probs()[0] - 1.0).abs() < 1e-15, "all mass went to the only non-zero peer");
    d.make_uniform();
    assert_eq!(d.probs(), &[0.5, 0.5]);
    d.remove_outcome(0).unwrap();
    assert_eq!(d.remove_outcome(0), Err(DistributionError::LastOutcome));
}

#[test]
fn removing_needs_an_unlocked_peer_to_take_the_mass() {
    let mut d = Distribution::new(labels(3), vec![0.5, 0.3, 0.2]).unwrap();
    d.set_locked(1, true).unwrap();
    d.set_locked(2, true).unwrap();
    assert_eq!(d.remove_outcome(0), Err(DistributionError::OthersLocked));
    assert_eq!(d.probs(), &[0.5, 0.3, 0.2], "a refused edit changes nothing");
    d.make_uniform();
    assert_eq!(d.probs(), &[0.5, 0.3, 0.2], "uniform over the only unlocked outcome");
}

#[derive(Debug, Clone)]
enum Edit {
    Set(usize, f64),
    Lock(usize, bool),
    Add,
    Remove(usize),
    Uniform,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0usize..12, -0.5..1.5f64).prop_map(|(i, v)| Edit::Set(i, v)),
        2 => (0usize..12, any::<bool>()).prop_map(|(i, l)| Edit::Lock(i, l)),
        1 => Just(Edit::Add),
        1 => (0usize..12).prop_map(Edit::Remove),
        1 => Just(Edit::Uniform),
    ]
}

fn start() -> impl Strategy<Value = Distribution> {
    proptest::collection::vec(prop_oneof![Just(0.0), 0.0..1.0f64, Just(1e-300)], 1..10)
        .prop_filter_map("all zero", |w| Distribution::from_weights(labels(w.len()), w).ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_edit_keeps_the_sum_one_values_non_negative_and_locks_fixed(
        mut d in start(),
        edits in proptest::collection::vec(edit(), 1..40),
    ) {
        let mut added = 0;
        for e in edits {
            let locked_before: Vec<(String, f64)> = (0..d.len())
                .filter(|&i| d.is_locked(i))
                .map(|i| (d.labels()[i].clone(), d.probs()[i]))
                .collect();
            let n = d.len();
            match e {
                Edit::Set(i, v) => { let _ = d.set(i % n, v); }
                Edit::Lock(i, l) => { let _ = d.set_locked(i % n, l); }
                Edit::Add => { added += 1; let _ = d.add_outcome(&format!("added{added}")); }
                Edit::Remove(i) => { let _ = d.remove_outcome(i % n); }
                Edit::Uniform => d.make_uniform(),
            }
            prop_assert!((sum(&d) - 1.0).abs() <= 1e-12, "sum {} after {:?}", sum(&d), e);
            prop_assert!(d.probs().iter().all(|&p| p >= 0.0 && p.is_finite()));
            for (label, value) in locked_before {
                if let Some(i) = d.labels().iter().position(|l| *l == label) {
                    prop_assert_eq!(d.probs()[i], value, "locked '{}' moved after {:?}", label, e);
                }
            }
        }
    }

    #[test]
    fn set_hits_the_target_when_it_is_free(mut d in start(), i in 0usize..10, v in 0.0..1.0f64) {
        let i = i % d.len();
        if d.len() > 1 {
            let got = d.set(i, v).unwrap();
            prop_assert!((got - v).abs() <= 1e-12, "asked {v}, got {got}");
        }
    }
}

#[test]
fn subnormal_peers_rescale_without_overflow() {
    let mut d = Distribution::new(labels(3), vec![1.0, 1e-320, 0.0]).unwrap();
    d.set(0, 0.5).unwrap();
    assert!(d.probs().iter().all(|p| p.is_finite() && *p >= 0.0), "{:?}", d.probs());
    assert!((sum(&d) - 1.0).abs() < 1e-12, "{:?}", d.probs());
    let mut d = Distribution::new(labels(3), vec![1.0, 1e-320, 0.0]).unwrap();
    d.remove_outcome(0).unwrap();
    assert!((sum(&d) - 1.0).abs() < 1e-12 && d.probs().iter().all(|p| p.is_finite()), "{:?}", d.probs());
}

#[test]
fn every_change_renews_the_version_and_copies_keep_it() {
    let labels: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    let mut d = Distribution::new(labels, vec![0.2, 0.3, 0.5]).unwrap();
    let copy = d.clone();
    assert_eq!(copy.version(), d.version());
    assert_eq!(copy, d);
    let mut seen = vec![d.version()];
    let mut changed = |d: &Distribution| {
        assert!(!seen.contains(&d.version()), "version {} was used before", d.version());
        seen.push(d.version());
    };
    d.set(0, 0.4).unwrap();
    changed(&d);
    d.set_locked(1, true).unwrap();
    changed(&d);
    d.rename(2, "z").unwrap();
    changed(&d);
    d.add_outcome("d").unwrap();
    changed(&d);
    d.remove_outcome(3).unwrap();
    changed(&d);
    d.make_uniform();
    changed(&d);
    d.set_all(&[0.25, 0.25, 0.5]).unwrap();
    changed(&d);
    assert_ne!(d, copy);
    // Equal contents compare equal whatever their versions.
    let same = Distribution::new(d.labels().to_vec(), d.probs().to_vec()).unwrap();
    let mut locked_too = same.clone();
    locked_too.set_locked(1, true).unwrap();
    assert_eq!(locked_too, d);
}

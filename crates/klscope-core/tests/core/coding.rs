//! Huffman codes: exact words for the tie rule, prefix-freeness, Kraft, optimality against
//! an independent cost computation, the entropy bound, and the coding report's numbers.

use klscope_core::info::coding::{Code, coding_report};
use klscope_core::info::{Report, Unit};
use proptest::prelude::*;

fn words(weights: &[f64]) -> Vec<String> {
    Code::huffman(weights).words
}

fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((actual - expected).abs() <= tolerance, "{what}: got {actual}, expected {expected} (±{tolerance})");
}

/// The cost of an optimal prefix code, computed independently: merge the two smallest
/// weights of a sorted list until one is left; the cost is the sum of all merged weights.
fn optimal_cost(weights: &[f64]) -> f64 {
    if weights.len() < 2 {
        // A lone outcome still gets a one-bit word.
        return weights.iter().sum();
    }
    let mut list = weights.to_vec();
    let mut cost = 0.0;
    while list.len() > 1 {
        list.sort_by(|a, b| b.total_cmp(a));
        let merged = list.pop().unwrap() + list.pop().unwrap();
        cost += merged;
        list.push(merged);
    }
    cost
}

fn is_prefix_free(words: &[String]) -> bool {
    words.iter().enumerate().all(|(i, a)| words.iter().enumerate().all(|(j, b)| i == j || !b.starts_with(a.as_str())))
}

fn kraft_sum(code: &Code) -> f64 {
    code.lengths().iter().map(|&l| 0.5f64.powi(l as i32)).sum()
}

// ---------------------------------------------------------------------------------------
// Exact words
// ---------------------------------------------------------------------------------------

#[test]
fn textbook_example() {
    // 0.1 and 0.2 merge first; their sum (0.30000000000000004 in f64) is then just above
    // 0.3, so 0.3 is taken before it and gets the '0'.
    assert_eq!(words(&[0.4, 0.3, 0.2, 0.1]), ["0", "10", "111", "110"]);
    assert_eq!(Code::huffman(&[0.4, 0.3, 0.2, 0.1]).lengths(), [1, 2, 3, 3]);
}

#[test]
fn ties_go_to_the_earlier_node() {
    assert_eq!(words(&[0.25; 4]), ["00", "01", "10", "11"]);
    // Outcomes 0 and 1 merge first, so outcome 2 is left alone with the short word.
    assert_eq!(words(&[1.0 / 3.0; 3]), ["10", "11", "0"]);
    // Between a leaf and a merged node of equal weight, the leaf was made earlier.
    assert_eq!(words(&[0.25, 0.25, 0.5]), ["10", "11", "0"]);
    assert_eq!(words(&[0.5, 0.25, 0.25]), ["0", "10", "11"]);
}

#[test]
fn empty_one_and_two_outcomes() {
    assert!(words(&[]).is_empty());
    assert_eq!(words(&[1.0]), ["0"]);
    assert_eq!(words(&[0.0]), ["0"], "one outcome still needs a word");
    assert_eq!(words(&[0.5, 0.5]), ["0", "1"]);
}

#[test]
fn zero_weights_get_words_too() {
    let code = Code::huffman(&[0.5, 0.5, 0.0, 0.0]);
    assert_eq!(code.words, ["11", "0", "100", "101"]);
    assert!(is_prefix_free(&code.words));
    assert_eq!(code.average_length(&[0.5, 0.5, 0.0, 0.0]), 1.5, "the zeros cost half a bit");
    let all_zero = Code::huffman(&[0.0; 5]);
    assert!(all_zero.words.iter().all(|w| !w.is_empty()) && is_prefix_free(&all_zero.words));
    assert_eq!(kraft_sum(&all_zero), 1.0);
}

#[test]
fn bad_weights_count_as_zero() {
    assert_eq!(words(&[f64::NAN, -1.0, 0.5, 0.5]), words(&[0.0, 0.0, 0.5, 0.5]));
    assert_eq!(words(&[f64::INFINITY, 0.5, 0.5]), words(&[0.0, 0.5, 0.5]));
}

#[test]
fn average_length_weighs_each_word() {
    let code = Code { words: vec!["0".into(), "10".into(), "11".into()] };
    assert_eq!(code.average_length(&[0.5, 0.25, 0.25]), 1.5);
    assert_eq!(code.average_length(&[0.0, 0.0, 1.0]), 2.0);
    assert_eq!(code.average_length(&[1.0]), 1.0, "extra words are ignored");
}

#[test]
fn a_long_skewed_code_does_not_overflow_the_stack() {
    // Halving weights make a chain: word lengths 1, 2, …, n−1, n−1.
    let weights: Vec<f64> = (0..1000).map(|i| 0.5f64.powi(i)).collect();
    let code = Code::huffman(&weights);
    assert_eq!(code.lengths()[0], 1);
    assert!(code.lengths().iter().all(|&l| l >= 1) && is_prefix_free(&code.words[..50]));
    assert_eq!(kraft_sum(&code), 1.0);
}

// ---------------------------------------------------------------------------------------
// The coding report
// ---------------------------------------------------------------------------------------

#[test]
fn dyadic_distributions_meet_the_entropy_exactly() {
    // Powers of two: the Huffman lengths are exactly −log₂ p, so L_P = H(P),
    // L_Q = H(P,Q) and L_Q − L_P = KL(P‖Q).
    let p = [0.5, 0.25, 0.125, 0.125];
    let q = [0.125, 0.125, 0.25, 0.5];
    let c = coding_report(&p, &q);
    assert_eq!(c.code_p.lengths(), [1, 2, 3, 3]);
    assert_eq!(c.code_q.lengths(), [3, 3, 2, 1]);
    assert_close(c.l_p, c.entropy_p, 1e-15, "L_P = H(P)");
    assert_close(c.l_q, c.cross_entropy, 1e-15, "L_Q = H(P,Q)");
    assert_close(c.l_q - c.l_p, c.kl, 1e-15, "L_Q − L_P = KL");
    assert_close(c.l_p, 1.75, 0.0, "L_P");
    assert_close(c.l_q, 2.625, 0.0, "L_Q");
}

#[test]
fn report_values_are_in_bits() {
    for (p, q) in [(&[0.9, 0.1][..], &[0.5, 0.5][..]), (&[0.4, 0.3, 0.2, 0.1], &[0.3, 0.4, 0.2, 0.1])] {
        let c = coding_report(p, q);
        let r = Report::compute(p, q);
        assert_eq!(c.entropy_p, Unit::Bits.from_nats(r.entropy_p));
        assert_eq!(c.cross_entropy, Unit::Bits.from_nats(r.cross_entropy_pq));
        assert_eq!(c.kl, Unit::Bits.from_nats(r.kl_pq));
        assert_eq!(c.code_p, Code::huffman(p));
        assert_eq!(c.code_q, Code::huffman(q));
    }
    // A biased coin: two outcomes need one bit each whatever the model.
    let c = coding_report(&[0.9, 0.1], &[0.5, 0.5]);
    assert_eq!((c.l_p, c.l_q), (1.0, 1.0));
    assert_close(c.kl, 0.531004, 5e-7, "KL in bits");
}

#[test]
fn support_mismatch_is_infinite_in_theory_but_finite_in_practice() {
    let c = coding_report(&[0.4, 0.4, 0.2], &[0.5, 0.5, 0.0]);
    assert_eq!(c.cross_entropy, f64::INFINITY);
    assert_eq!(c.kl, f64::INFINITY);
    assert!(c.l_q.is_finite(), "Q's code still has a word for scissors: {:?}", c.code_q.words);
    assert_eq!(c.code_q.words, ["11", "0", "10"]);
    assert_close(c.l_q, 1.6, 1e-15, "0.4·2 + 0.4·1 + 0.2·2");
}

#[test]
fn every_preset_keeps_the_entropy_bound() {
    for scenario in klscope_core::scenario::builtin() {
        let c = coding_report(&scenario.p, &scenario.q);
        assert!(c.entropy_p <= c.l_p + 1e-12, "{}: H(P) ≤ L_P", scenario.id);
        assert!(c.l_p <= c.entropy_p + 1.0 + 1e-12, "{}: L_P ≤ H(P) + 1", scenario.id);
        assert!(c.l_p <= c.l_q + 1e-12, "{}: P's own code is never beaten on P", scenario.id);
    }
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn distribution() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![1 => Just(0.0), 6 => 0.0f64..1.0], 1..40).prop_filter_map("all zero", |w| {
        let total: f64 = w.iter().sum();
        (total > 0.0).then(|| w.iter().map(|x| x / total).collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn codes_are_complete_prefix_codes(p in distribution()) {
        let code = Code::huffman(&p);
        prop_assert_eq!(code.words.len(), p.len());
        prop_assert!(code.words.iter().all(|w| !w.is_empty() && w.chars().all(|c| c == '0' || c == '1')));
        prop_assert!(is_prefix_free(&code.words), "{:?}", code.words);
        if p.len() > 1 {
            // A full binary tree: Σ 2^−len = 1 exactly (powers of two add exactly).
            prop_assert_eq!(kraft_sum(&code), 1.0);
        }
        prop_assert_eq!(&code, &Code::huffman(&p), "deterministic");
    }

    #[test]
    fn codes_are_optimal_and_within_a_bit_of_entropy(p in distribution()) {
        let code = Code::huffman(&p);
        let length = code.average_length(&p);
        prop_assert!((length - optimal_cost(&p)).abs() < 1e-12, "{} vs {}", length, optimal_cost(&p));
        let entropy = Unit::Bits.from_nats(Report::compute(&p, &p).entropy_p);
        prop_assert!(entropy <= length + 1e-12, "H {} > L {}", entropy, length);
        // Shannon's lengths ⌈−log₂ p⌉ are a prefix code too, so Huffman does at least as well.
        let shannon: f64 = p.iter().filter(|&&x| x > 0.0).map(|&x| x * (-x.log2()).ceil().max(1.0)).sum();
        let zeros = p.contains(&0.0);
        if !zeros {
            prop_assert!(length <= shannon + 1e-12, "Huffman {} > Shannon {}", length, shannon);
        }
    }

    #[test]
    fn model_codes_cost_at_least_as_much_as_the_true_code(p in distribution(), seed in 0u64..1000) {
        // Any Q: a code built for Q never beats P's own Huffman code on data from P.
        let weights: Vec<f64> = (0..p.len()).map(|i| ((i as u64 * 2654435761 + seed) % 97 + 1) as f64).collect();
        let total: f64 = weights.iter().sum();
        let q: Vec<f64> = weights.iter().map(|w| w / total).collect();
        let c = coding_report(&p, &q);
        prop_assert!(c.l_p <= c.l_q + 1e-12);
    }
}

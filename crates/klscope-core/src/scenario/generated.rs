//! Built-in scenarios too big to ship as files, generated at load: the same numbers on
//! every machine (a fixed hash, no random generator, no floating-point surprises beyond
//! `ln` and `exp`).

use super::{Roles, Scenario, SideLogits};
use crate::info::Unit;
use crate::info::logits::Logits;

/// How many tokens the made-up vocabulary has.
pub const VOCABULARY: usize = 50_000;

/// Zipf's exponent: the k-th most frequent token has logit about −s·ln k.
const ZIPF: f64 = 1.2;
/// How far each model's logits stray from the Zipf line (a uniform spread of ± this).
const SPREAD: f64 = 0.7;
/// The teacher's and the student's temperature: the student is over-confident.
const TEACHER_T: f64 = 1.0;
const STUDENT_T: f64 = 0.8;

/// A language model's next token: teacher P and student Q over a Zipf-like vocabulary.
pub fn next_token() -> Scenario {
    let labels: Vec<String> = (0..VOCABULARY).map(token).collect();
    let model = |seed: u64| -> Vec<f64> {
        (0..VOCABULARY)
            .map(|k| -ZIPF * ((k + 1) as f64).ln() + SPREAD * (2.0 * unit_interval(seed, k as u64) - 1.0))
            .collect()
    };
    let teacher = Logits { values: model(1), temperature: TEACHER_T };
    let student = Logits { values: model(2), temperature: STUDENT_T };
    // Finite logits and positive temperatures: softmax cannot fail here.
    let (p, q) = (teacher.probabilities().unwrap_or_default(), student.probabilities().unwrap_or_default());
    Scenario {
        id: "next-token-teacher-student".into(),
        title: "Next token: teacher and student".into(),
        description: format!(
            "A language model's next-token distribution over a made-up vocabulary of {VOCABULARY} tokens whose \
             frequencies follow Zipf's law, as real words do. P is a large teacher model at T = 1, Q a smaller \
             student at T = 0.8 that learned the same ranking with its own errors and is over-confident. \
             KL(P||Q) is what distillation trains the student to shrink; KL(Q||P) is a different number, because \
             the two models are wrong in different places."
        ),
        unit: Unit::Bits,
        labels,
        p,
        q,
        logits: SideLogits { p: Some(teacher), q: Some(student) },
        positions: None,
        roles: Roles::new("teacher", "student"),
        focus: Default::default(),
    }
}

/// A made-up token: the index in bijective base 20 written as syllables, so every token
/// is different and the frequent ones are short ("ka", "lo", …, "kaka", …).
fn token(index: usize) -> String {
    const SYLLABLES: [&str; 20] = [
        "ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "va", "de", "go", "ze", "bu", "fa", "hi", "jo", "wu", "ye",
        "sa", "ti",
    ];
    let mut k = index + 1;
    let mut parts = Vec::new();
    while k > 0 {
        k -= 1;
        parts.push(SYLLABLES[k % 20]);
        k /= 20;
    }
    parts.reverse();
    parts.concat()
}

/// A number in [0, 1) from (seed, index): splitmix64, the same on every platform.
fn unit_interval(seed: u64, index: u64) -> f64 {
    let mut z = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(index).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_distinct_and_short_ones_come_first() {
        assert_eq!([token(0), token(19), token(20), token(419), token(420)], ["ka", "ti", "kaka", "titi", "kakaka"]);
        let all: std::collections::HashSet<String> = (0..VOCABULARY).map(token).collect();
        assert_eq!(all.len(), VOCABULARY);
    }
}

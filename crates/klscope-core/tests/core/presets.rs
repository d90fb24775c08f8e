//! Every built-in lesson loads, and its measures match values computed here directly
//! from the definitions (and, where the lesson quotes numbers, those numbers).

use klscope_core::info::{Report, Unit};
use klscope_core::scenario::{self, Scenario};

fn bits(nats: f64) -> f64 {
    Unit::Bits.from_nats(nats)
}

/// KL(a||b) in bits, straight from the definition.
fn naive_kl(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .filter(|(x, _)| **x > 0.0)
        .map(|(x, y)| if *y == 0.0 { f64::INFINITY } else { x * (x / y).log2() })
        .sum()
}

fn naive_entropy(a: &[f64]) -> f64 {
    -a.iter().filter(|x| **x > 0.0).map(|x| x * x.log2()).sum::<f64>()
}

fn naive_js(a: &[f64], b: &[f64]) -> f64 {
    let m: Vec<f64> = a.iter().zip(b).map(|(x, y)| (x + y) / 2.0).collect();
    0.5 * naive_kl(a, &m) + 0.5 * naive_kl(b, &m)
}

fn preset(id: &str) -> Scenario {
    scenario::find_builtin(id).unwrap()
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a.is_infinite() && a == b) || (a - b).abs() <= tolerance
}

#[test]
fn every_preset_matches_the_definitions() {
    let all = scenario::builtin();
    assert_eq!(all.len(), scenario::builtin_ids().count(), "every built-in parses");
    assert!(all.len() >= 9);
    for s in all {
        assert!(!s.title.is_empty() && !s.description.is_empty(), "{}: a lesson has a title and text", s.id);
        let sentences = s.description.matches(". ").count() + 1;
        assert!(sentences <= 4, "{}: 1 to 3 sentences, found {sentences}", s.id);
        let r = Report::compute(&s.p, &s.q);
        let checks = [
            ("H(P)", bits(r.entropy_p), naive_entropy(&s.p)),
            ("H(Q)", bits(r.entropy_q), naive_entropy(&s.q)),
            ("KL(P||Q)", bits(r.kl_pq), naive_kl(&s.p, &s.q)),
            ("KL(Q||P)", bits(r.kl_qp), naive_kl(&s.q, &s.p)),
            ("JS", bits(r.js), naive_js(&s.p, &s.q)),
        ];
        for (name, got, want) in checks {
            assert!(close(got, want, 1e-12), "{}: {name} = {got}, expected {want}", s.id);
        }
    }
}

#[test]
fn the_better_coin_model_has_the_smaller_kl() {
    let fair = preset("biased-coin-vs-fair");
    let slight = preset("biased-coin-vs-slightly-biased");
    assert_eq!((fair.p.as_slice(), fair.q.as_slice()), (&[0.9, 0.1][..], &[0.5, 0.5][..]));
    let kl_fair = bits(Report::compute(&fair.p, &fair.q).kl_pq);
    let kl_slight = bits(Report::compute(&slight.p, &slight.q).kl_pq);
    assert!(close(kl_fair, 0.531004, 5e-7) && close(kl_slight, 0.052933, 5e-7));
    assert!(slight.description.contains("0.053") && slight.description.contains("0.531"));
}

#[test]
fn cat_dog_and_weather_numbers() {
    let cat = preset("cat-dog-classifier");
    assert!(close(bits(Report::compute(&cat.p, &cat.q).kl_pq), 0.326466, 5e-7));
    let weather = preset("weather-codebook");
    assert_eq!(weather.labels, ["sunny", "cloudy", "rainy", "snowy"]);
    let r = Report::compute(&weather.p, &weather.q);
    // P is dyadic, so its Huffman code reaches H(P) exactly: the lesson's numbers hold in the coding view too.
    assert!(close(bits(r.entropy_p), 1.75, 1e-12) && close(bits(r.cross_entropy_pq), 2.0, 1e-12));
    assert!(close(bits(r.cross_entropy_pq - r.entropy_p), 0.25, 1e-12), "the wasted bits per message");
    let code = klscope_core::info::coding::coding_report(&weather.p, &weather.q);
    assert_eq!((code.l_p, code.l_q), (1.75, 2.0));
}

#[test]
fn movie_genres_kl_is_equal_both_ways_by_coincidence() {
    let s = preset("movie-genres");
    assert_eq!(s.labels, ["action", "comedy", "drama", "horror"]);
    let r = Report::compute(&s.p, &s.q);
    assert!(close(bits(r.kl_pq), 0.041504, 5e-7) && close(bits(r.kl_qp), 0.041504, 5e-7));
    assert!(s.description.contains("coincidence"));
    // Move any bar and the symmetry is gone.
    let q = [0.3, 0.35, 0.25, 0.1];
    let moved = Report::compute(&s.p, &q);
    assert!((moved.kl_pq - moved.kl_qp).abs() > 1e-4);
}

#[test]
fn the_die_is_fair_against_a_model_loaded_towards_six() {
    let s = preset("fair-vs-loaded-die");
    assert_eq!(s.labels.len(), 6);
    assert!(s.p.iter().all(|p| close(*p, 1.0 / 6.0, 1e-15)));
    assert_eq!(s.q[5], 0.5);
}

#[test]
fn support_mismatch_is_infinite_one_way_only() {
    let s = preset("support-mismatch");
    let r = Report::compute(&s.p, &s.q);
    assert_eq!(r.kl_pq, f64::INFINITY);
    assert!(r.kl_qp.is_finite() && r.js.is_finite());
    assert_eq!(r.p_without_q, vec![2]);
}

#[test]
fn mode_seeking_has_two_modes_against_one_broad_bump() {
    let s = preset("mode-seeking");
    assert!((18..=22).contains(&s.labels.len()), "about 20 ordered outcomes");
    let peaks = |v: &[f64]| (1..v.len() - 1).filter(|&i| v[i] > v[i - 1] && v[i] > v[i + 1]).count();
    assert_eq!(peaks(&s.p), 2, "P has two modes");
    // Q's single bump may be a plateau of two equal middle values.
    let rises = s.q.windows(2).take_while(|w| w[1] >= w[0]).count();
    assert!(s.q[rises..].windows(2).all(|w| w[1] <= w[0]), "Q has one mode");
    let r = Report::compute(&s.p, &s.q);
    assert!(r.kl_pq.is_finite() && r.kl_qp.is_finite());
}

#[test]
fn the_lottery_jackpot_is_about_24_bits_of_surprise() {
    let s = preset("lottery-surprise");
    let jackpot = s.labels.iter().position(|l| l == "jackpot").unwrap();
    let r = Report::compute(&s.p, &s.q);
    let surprise = Report::terms(&s.p, &s.q, jackpot).surprise_p;
    assert!(close(bits(surprise), 13_983_816f64.log2(), 1e-9));
    assert!(close(bits(surprise), 23.737, 1e-3));
    assert!(r.kl_pq.is_finite());
}

/// Reference values computed with numpy (np.exp/np.log in float64) from the logits.
#[test]
fn one_model_at_two_temperatures_is_sharper_at_the_lower_one() {
    let s = preset("one-model-two-temperatures");
    let (lp, lq) = (s.logits.p.as_ref().unwrap(), s.logits.q.as_ref().unwrap());
    assert_eq!(lp.values, lq.values, "the same logits");
    assert_eq!((lp.temperature, lq.temperature), (0.7, 1.5));
    let r = Report::compute(&s.p, &s.q);
    assert!(close(bits(r.entropy_p), 1.3789387752518876, 1e-12), "{}", bits(r.entropy_p));
    assert!(close(bits(r.entropy_q), 2.158612813243659, 1e-12));
    assert!(close(bits(r.kl_pq), 0.2582653583060508, 1e-12));
    assert!(close(bits(r.kl_qp), 0.3376302756204869, 1e-12));
}

#[test]
fn the_rlhf_policy_pays_a_visible_kl_penalty() {
    let s = preset("rlhf-policy-vs-reference");
    assert_eq!(s.unit, Unit::Nats);
    let r = Report::compute(&s.p, &s.q);
    // numpy: softmax(z_ref + r) against softmax(z_ref).
    assert!(close(r.kl_pq, 0.6026524626849292, 1e-12), "{}", r.kl_pq);
    assert!(close(r.kl_qp, 0.8339990221995113, 1e-12), "{}", r.kl_qp);
    assert!(close(s.p[0], 0.743, 5e-4), "the policy piles onto the clear answer: {:?}", s.p);
}

#[test]
fn the_next_token_vocabulary_is_big_zipf_like_and_the_same_every_time() {
    let s = preset("next-token-teacher-student");
    assert_eq!(s.labels.len(), 50_000);
    assert_eq!(&s.labels[..3], ["ka", "lo", "mi"]);
    assert_eq!(scenario::find_builtin(&s.id).unwrap(), s, "generated the same way every time");
    let (teacher, student) = (s.logits.p.as_ref().unwrap(), s.logits.q.as_ref().unwrap());
    assert_eq!((teacher.temperature, student.temperature), (1.0, 0.8));
    assert_eq!(s.p, klscope_core::info::softmax::softmax(&teacher.values, 1.0).unwrap());
    // Zipf-like: the first token is far likelier than the thousandth.
    assert!(s.p[0] > 100.0 * s.p[999], "{} vs {}", s.p[0], s.p[999]);
    let r = Report::compute(&s.p, &s.q);
    let (h_p, h_q, kl_pq, kl_qp) = (bits(r.entropy_p), bits(r.entropy_q), bits(r.kl_pq), bits(r.kl_qp));
    assert!(h_q < h_p, "the colder student has the lower entropy: {h_q} vs {h_p}");
    assert!((0.2..1.5).contains(&kl_pq) && (0.2..1.5).contains(&kl_qp), "moderate KL: {kl_pq}, {kl_qp}");
    assert!((kl_pq - kl_qp).abs() > 0.05, "the two directions differ: {kl_pq} vs {kl_qp}");
    println!("next token: H(P) {h_p} H(Q) {h_q} KL(P||Q) {kl_pq} KL(Q||P) {kl_qp} bits");
}

/// "Disjoint supports": KL ∞ (named at the first outcome of P), JS at its 1-bit ceiling,
/// TV and squared Hellinger at 1, and W₁ the bumps' distance, computed here by moving
/// each bump's mass outcome by outcome.
#[test]
fn disjoint_supports_stop_every_f_divergence_but_not_w1() {
    use klscope_core::info::family::{FamilyMember, FamilyReport};
    let s = preset("disjoint-supports");
    assert_eq!(s.labels.len(), 10);
    assert!(s.p.iter().zip(&s.q).all(|(p, q)| *p == 0.0 || *q == 0.0), "the supports do not meet");
    let family = FamilyReport::compute(&s.p, &s.q, 2.0, s.positions.as_deref());
    let r = &family.report;
    assert_eq!(r.kl_pq, f64::INFINITY);
    assert_eq!(r.p_without_q.first(), Some(&1));
    assert_eq!(bits(r.js), 1.0);
    assert_eq!((r.total_variation, r.hellinger_squared), (1.0, 1.0));
    // Each unit of mass at i moves to i + 5.
    let shift = s.q.iter().position(|&q| q > 0.0).unwrap() - s.p.iter().position(|&p| p > 0.0).unwrap();
    assert_eq!(family.wasserstein1, shift as f64);
    assert_eq!(family.wasserstein1, 5.0);
    for alpha in [0.0, 0.5, 1.0, 2.0, f64::INFINITY] {
        let d = FamilyReport::compute(&s.p, &s.q, alpha, None).renyi;
        assert_eq!(d.value, f64::INFINITY, "D_{alpha}");
        assert_eq!(d.cause.map(|c| c.outcome), Some(1), "D_{alpha} names outcome 1");
    }
    assert_eq!(FamilyMember::Wasserstein1.infinite_because(&family), None);
}

/// "A die and its neighbour": numeric positions 1–6, TV 0.4 (½ Σ |p − q| by hand) and
/// W₁ 1 face (the same shape shifted by one).
#[test]
fn a_die_and_its_neighbour_differ_by_one_face() {
    use klscope_core::info::family::FamilyReport;
    let s = preset("die-and-its-neighbour");
    assert_eq!(s.positions.as_deref(), Some(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0][..]));
    assert_eq!(&s.q[1..], &s.p[..5], "Q is P shifted by one face");
    let family = FamilyReport::compute(&s.p, &s.q, 2.0, s.positions.as_deref());
    let tv: f64 = 0.5 * s.p.iter().zip(&s.q).map(|(p, q)| (p - q).abs()).sum::<f64>();
    assert!((family.report.total_variation - tv).abs() < 1e-15 && (tv - 0.4).abs() < 1e-12);
    assert!((family.wasserstein1 - 1.0).abs() < 1e-12, "W₁ = {}", family.wasserstein1);
    // Pearson's χ² is infinite: Q rules out face 1, which P throws.
    assert_eq!(family.report.chi2_pearson, f64::INFINITY);
    assert_eq!(family.report.p_without_q, vec![0]);
}

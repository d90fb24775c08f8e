//! Natural logarithms (and exponentials) of many numbers at once, for `Report::compute`
//! (three logarithms per outcome: most of its time at a million outcomes), and the
//! exponential that Rényi's divergence takes of each outcome, inlined into its loop.
//!
//! The algorithm is musl's `log` (from FreeBSD's msun, itself from Sun's fdlibm), accurate
//! to within an ulp, rewritten without branches so that a loop of them runs two (SSE2) or
//! four (AVX2) numbers per instruction. The `libm` crate has the same algorithm, but as a
//! function that is neither inlined nor vectorised across the crate boundary; this loop is
//! 1.7× (SSE2) to 3× (AVX2) faster than calling the system's `ln` per number.
//!
//! The constants and the reduction below carry fdlibm's notice:
//! Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//! Developed at SunPro, a Sun Microsystems, Inc. business.
//! Permission to use, copy, modify, and distribute this software is freely granted,
//! provided that this notice is preserved.

/// Writes ln x of each of `values` into `out` (the shorter length of the two). Every value
/// must be finite and not negative: 0 gives −∞, subnormals are exact too.
pub fn ln_each(values: &[f64], out: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked on the line above.
        unsafe { ln_each_avx2(values, out) };
        return;
    }
    ln_each_portable(values, out);
}

fn ln_each_portable(values: &[f64], out: &mut [f64]) {
    for (x, y) in values.iter().zip(out.iter_mut()) {
        *y = ln(*x);
    }
}

/// The same loop, compiled for AVX2: four numbers per instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn ln_each_avx2(values: &[f64], out: &mut [f64]) {
    for (x, y) in values.iter().zip(out.iter_mut()) {
        *y = ln(*x);
    }
}

/// ln x for finite x ≥ 0, without branches (selects only).
#[inline(always)]
fn ln(x: f64) -> f64 {
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
    const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
    const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
    const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
    const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
    const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
    const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);
    // The constants are fdlibm's, as bits (their decimal forms have more digits than a
    // double holds). Subnormals are scaled up by 2^54 first, as fdlibm does.
    let subnormal = x < f64::MIN_POSITIVE;
    let scaled = if subnormal { x * 18_014_398_509_481_984.0 } else { x };
    let bits = scaled.to_bits();
    // x = 2^k · m with m in [√2/2, √2).
    let high = (bits >> 32).wrapping_add(0x3ff0_0000 - 0x3fe6_a09e);
    let k = ((high >> 20) as i64 - 0x3ff) as f64 - if subnormal { 54.0 } else { 0.0 };
    let high = (high & 0x000f_ffff) + 0x3fe6_a09e;
    let m = f64::from_bits((high << 32) | (bits & 0xffff_ffff));
    let f = m - 1.0;
    let half_f2 = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let result = s * (half_f2 + (t2 + t1)) + k * LN2_LO - half_f2 + f + k * LN2_HI;
    if x == 0.0 { f64::NEG_INFINITY } else { result }
}

/// e^x without branches: fdlibm's reduction x = k ln 2 + r, |r| ≤ ½ ln 2, and its rational
/// approximation of e^r (within an ulp), then 2^k applied in two halves so that results
/// down to the subnormals and up to the largest double come out without overflow.
#[cfg(test)]
fn exp(x: f64) -> f64 {
    exp_and_excess(x).0
}

/// (e^x, e^x − 1 − x), the second without cancellation for small x. The reduction is
/// fdlibm's, x = k ln 2 + r with |r| ≤ ½ ln 2; e^r = 1 + r + r²·Σ r^j/(j + 2)! by a
/// polynomial (13 terms reach 1e-19 at |r| = ½ ln 2; a polynomial needs no division, which
/// fdlibm's rational form does), and where k = 0 the same series is e^x − 1 − x itself.
/// 2^k is applied in two halves so that results down to the subnormals and up to the
/// largest double come out without overflow.
#[inline(always)]
pub(super) fn exp_and_excess(x: f64) -> (f64, f64) {
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const INV_LN2: f64 = f64::from_bits(0x3ff7_1547_652b_82fe);
    // Adding and taking away 1.5·2^52 rounds to the nearest whole number, as a select-free
    // operation that vectorises (f64::round does not without SSE4.1).
    const ROUND: f64 = 6_755_399_441_055_744.0;
    let clamped = x.clamp(-746.0, 710.0);
    let shifted = clamped * INV_LN2 + ROUND;
    let k = shifted - ROUND;
    let r = (clamped - k * LN2_HI) - k * LN2_LO;
    let excess_r = r * r * polynomial(r, &EXP_SERIES);
    let y = 1.0 + (r + excess_r);
    // k as a whole number, read from the bits of 1.5·2^52 + k (a float-to-integer
    // conversion would not vectorise on AVX2), and halved with a logical shift of k + 2048
    // (AVX2 has no arithmetic one for 64-bit lanes).
    let k = (shifted.to_bits() as i64).wrapping_sub(ROUND.to_bits() as i64);
    let k1 = (((k + 2048) as u64) >> 1) as i64 - 1024;
    let k2 = k - k1;
    let scale = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    let result = y * scale(k1) * scale(k2);
    let value = if x > 709.782_712_893_384 {
        f64::INFINITY
    } else if x < -745.2 {
        0.0
    } else {
        result
    };
    let small = x.abs() < 0.5 * LN2_HI;
    (value, if small { excess_r } else { value - 1.0 - x })
}

/// 1/(j + 2)! for j = 0..13, computed at compile time.
const EXP_SERIES: [f64; 13] = {
    let mut out = [0.0; 13];
    let mut factorial = 2.0;
    let mut j = 0;
    while j < 13 {
        out[j] = 1.0 / factorial;
        factorial *= (j + 3) as f64;
        j += 1;
    }
    out
};

/// c[0] + c[1]·t + … by Estrin's scheme (pairs, then pairs of pairs), up to 16
/// coefficients: the multiplications run side by side.
#[inline(always)]
fn polynomial(t: f64, coefficients: &[f64]) -> f64 {
    let mut level = [0.0; 16];
    let n = coefficients.len().min(16);
    level[..n].copy_from_slice(&coefficients[..n]);
    let mut power = t;
    let mut width = 16;
    while width > 1 {
        width /= 2;
        for i in 0..width {
            level[i] = level[2 * i] + level[2 * i + 1] * power;
        }
        power *= power;
    }
    level[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Agrees with the system's ln to an ulp, across every magnitude a probability has.
    #[test]
    fn matches_the_system_logarithm() {
        let mut values = vec![0.0, 1.0, 0.5, 2.0, 1.0 - 1e-16, 1.0 + 2e-16, f64::MIN_POSITIVE, 5e-324, 1e-310];
        let mut x = 1e-320;
        while x < 2.0 {
            values.extend([x, x * 1.000_000_1, x * 0.707, x * 1.414]);
            x *= 1.37;
        }
        let mut portable = vec![0.0; values.len()];
        let mut dispatched = vec![0.0; values.len()];
        ln_each_portable(&values, &mut portable);
        ln_each(&values, &mut dispatched);
        for ((&x, &ours), &dispatched) in values.iter().zip(&portable).zip(&dispatched) {
            let exact = x.ln();
            assert_eq!(ours.to_bits(), dispatched.to_bits(), "ln {x}: both loops give the same bits");
            if exact.is_infinite() || exact == 0.0 {
                assert_eq!(ours, exact, "ln {x}");
            } else {
                let ulps = ((ours - exact) / exact).abs() / f64::EPSILON;
                assert!(ulps <= 2.0, "ln {x} = {ours}, the system says {exact} ({ulps} ulps)");
            }
        }
    }

    /// Agrees with the system's exp to two ulps from the subnormals to the largest double.
    #[test]
    fn matches_the_system_exponential() {
        let mut values = vec![0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 709.78, -745.0, -744.0, -708.5, 710.0, -746.0];
        let mut x = -745.0;
        while x < 709.7 {
            values.extend([x, x + 0.1234567, -x * 1e-3, x * 1e-9]);
            x += 0.737;
        }
        values.push(f64::NEG_INFINITY);
        for &x in &values {
            let (ours, exact) = (exp(x), x.exp());
            let excess = exp_and_excess(x).1;
            // e^x − 1 − x by its Taylor series, term by term (independent of the
            // polynomial above, and without the cancellation of exp_m1(x) − x).
            let mut wanted = 0.0;
            let mut term = x * x / 2.0;
            for k in 3..40 {
                wanted += term;
                term *= x / k as f64;
            }
            if x.abs() < 0.3 && excess != 0.0 {
                let ulps = ((excess - wanted) / wanted).abs() / f64::EPSILON;
                assert!(ulps <= 4.0, "e^{x} − 1 − x = {excess}, expected {wanted} ({ulps} ulps)");
            }
            if exact == 0.0 || exact.is_infinite() || exact < f64::MIN_POSITIVE {
                assert!((ours - exact).abs() <= 4.0 * 5e-324 || ours == exact, "exp {x} = {ours}, exact {exact}");
            } else {
                let ulps = ((ours - exact) / exact).abs() / f64::EPSILON;
                assert!(ulps <= 2.0, "exp {x} = {ours}, the system says {exact} ({ulps} ulps)");
            }
        }
    }
}

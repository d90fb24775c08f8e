//! One component of a density: a Gaussian, a Laplace or a uniform, with what the
//! quadrature, the bins and the closed forms need of it (log-density, CDF and survival
//! function without cancellation, support, breakpoints, moments, entropy).

use std::f64::consts::{FRAC_1_SQRT_2, PI};

/// ½ ln(2π).
const HALF_LN_TAU: f64 = 0.918_938_533_204_672_8;

/// The narrowest width, relative to the centre's size, that quadrature can resolve.
const RESOLVABLE: f64 = 1e-10;

/// A density on the real line with two parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Component {
    /// N(mean, sd²).
    Gaussian { mean: f64, sd: f64 },
    /// Laplace(centre, scale): density exp(−|x − centre|/scale) / (2 scale).
    Laplace { centre: f64, scale: f64 },
    /// Uniform on [low, high].
    Uniform { low: f64, high: f64 },
}

/// What is wrong with a component's parameters: (parameter name, value, reason).
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterProblem {
    pub parameter: &'static str,
    pub value: f64,
    pub reason: &'static str,
}

impl Component {
    /// The name as written in a spec and in files: normal, laplace, uniform.
    pub fn kind(&self) -> &'static str {
        match self {
            Component::Gaussian { .. } => "normal",
            Component::Laplace { .. } => "laplace",
            Component::Uniform { .. } => "uniform",
        }
    }

    /// The two parameters in spec order.
    pub fn parameters(&self) -> (f64, f64) {
        match *self {
            Component::Gaussian { mean, sd } => (mean, sd),
            Component::Laplace { centre, scale } => (centre, scale),
            Component::Uniform { low, high } => (low, high),
        }
    }

    /// `normal(0, 1)`: the component as a spec term, numbers in shortest round-trip form.
    pub fn spec(&self) -> String {
        let (a, b) = self.parameters();
        format!("{}({a}, {b})", self.kind())
    }

    /// Finite parameters, a positive width, low below high.
    pub fn check(&self) -> Result<(), ParameterProblem> {
        let problem = |parameter, value, reason| Err(ParameterProblem { parameter, value, reason });
        let finite = "a parameter must be a finite number";
        match *self {
            Component::Gaussian { mean, sd } => {
                if !mean.is_finite() {
                    return problem("mean", mean, finite);
                }
                if !(sd.is_finite() && sd > 0.0) {
                    return problem("sd", sd, "a standard deviation must be a positive, finite number");
                }
            }
            Component::Laplace { centre, scale } => {
                if !centre.is_finite() {
                    return problem("centre", centre, finite);
                }
                if !(scale.is_finite() && scale > 0.0) {
                    return problem("scale", scale, "a scale must be a positive, finite number");
                }
            }
            Component::Uniform { low, high } => {
                if !low.is_finite() {
                    return problem("low", low, finite);
                }
                if !high.is_finite() {
                    return problem("high", high, finite);
                }
                if !(high - low > 0.0 && (high - low).is_finite()) {
                    return problem(
                        "high",
                        high,
                        "a uniform's high end must be above its low end (and the width finite)",
                    );
                }
            }
        }
        // A bell narrower than the spacing of floating-point numbers near its centre cannot
        // be integrated (or drawn): every node would fall on the same few values.
        if self.width() < RESOLVABLE * self.centre().abs().max(1.0) {
            let parameter = match self {
                Component::Gaussian { .. } => "sd",
                Component::Laplace { .. } => "scale",
                Component::Uniform { .. } => "high",
            };
            let value = match *self {
                Component::Uniform { high, .. } => high,
                _ => self.width(),
            };
            return problem(parameter, value, "the width must be at least 1e-10 of the centre's size (and of 1)");
        }
        Ok(())
    }

    /// ln of the density at x; −∞ outside a uniform's interval. Never NaN for finite x.
    pub fn ln_pdf(&self, x: f64) -> f64 {
        match *self {
            Component::Gaussian { mean, sd } => {
                let z = (x - mean) / sd;
                -0.5 * z * z - sd.ln() - HALF_LN_TAU
            }
            Component::Laplace { centre, scale } => -(x - centre).abs() / scale - (2.0 * scale).ln(),
            Component::Uniform { low, high } => {
                if (low..=high).contains(&x) {
                    -(high - low).ln()
                } else {
                    f64::NEG_INFINITY
                }
            }
        }
    }

    pub fn pdf(&self, x: f64) -> f64 {
        self.ln_pdf(x).exp()
    }

    /// ln_pdf(x) = ln_kernel(x) − ln_normaliser(): the split lets a mixture take the
    /// logarithms of its constants once rather than at every point.
    pub fn ln_normaliser(&self) -> f64 {
        match *self {
            Component::Gaussian { sd, .. } => sd.ln() + HALF_LN_TAU,
            Component::Laplace { scale, .. } => (2.0 * scale).ln(),
            Component::Uniform { low, high } => (high - low).ln(),
        }
    }

    /// The log-density without its constant: −z²/2, −|x − c|/b, or 0 inside (−∞ outside).
    pub fn ln_kernel(&self, x: f64) -> f64 {
        match *self {
            Component::Gaussian { mean, sd } => {
                let z = (x - mean) / sd;
                -0.5 * z * z
            }
            Component::Laplace { centre, scale } => -(x - centre).abs() / scale,
            Component::Uniform { low, high } => {
                if (low..=high).contains(&x) {
                    0.0
                } else {
                    f64::NEG_INFINITY
                }
            }
        }
    }

    /// P(X ≤ x).
    pub fn cdf(&self, x: f64) -> f64 {
        match *self {
            Component::Gaussian { mean, sd } => 0.5 * libm::erfc(-(x - mean) / sd * FRAC_1_SQRT_2),
            Component::Laplace { centre, scale } => {
                let t = (x - centre) / scale;
                if t < 0.0 { 0.5 * t.exp() } else { 1.0 - 0.5 * (-t).exp() }
            }
            Component::Uniform { low, high } => ((x - low) / (high - low)).clamp(0.0, 1.0),
        }
    }

    /// P(X > x), computed directly so that far right tails keep their digits.
    pub fn sf(&self, x: f64) -> f64 {
        match *self {
            Component::Gaussian { mean, sd } => 0.5 * libm::erfc((x - mean) / sd * FRAC_1_SQRT_2),
            Component::Laplace { centre, scale } => {
                let t = (x - centre) / scale;
                if t > 0.0 { 0.5 * (-t).exp() } else { 1.0 - 0.5 * t.exp() }
            }
            Component::Uniform { low, high } => ((high - x) / (high - low)).clamp(0.0, 1.0),
        }
    }

    /// P(a < X ≤ b) for a ≤ b (either may be infinite), from the CDF left of the centre and
    /// the survival function right of it, so that a bin far out in a tail is not the
    /// difference of two numbers near 1.
    pub fn mass(&self, a: f64, b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        if a >= self.centre() { (self.sf(a) - self.sf(b)).max(0.0) } else { (self.cdf(b) - self.cdf(a)).max(0.0) }
    }

    /// ln P(a < X ≤ b), finite however far out in a tail the bin is (where
    /// [`mass`](Self::mass) underflows to 0): a bin's probability for discrete KL.
    pub fn ln_mass(&self, a: f64, b: f64) -> f64 {
        if b <= a {
            return f64::NEG_INFINITY;
        }
        match *self {
            Component::Gaussian { mean, sd } => {
                let (za, zb) = ((a - mean) / sd, (b - mean) / sd);
                if za >= 0.0 {
                    log_difference(ln_normal_sf(za), ln_normal_sf(zb))
                } else if zb <= 0.0 {
                    log_difference(ln_normal_sf(-zb), ln_normal_sf(-za))
                } else {
                    self.mass(a, b).ln()
                }
            }
            Component::Laplace { centre, scale } => {
                let (ta, tb) = ((a - centre) / scale, (b - centre) / scale);
                let half = -std::f64::consts::LN_2;
                if ta >= 0.0 {
                    log_difference(half - ta, half - tb)
                } else if tb <= 0.0 {
                    log_difference(half + tb, half + ta)
                } else {
                    self.mass(a, b).ln()
                }
            }
            Component::Uniform { .. } => self.mass(a, b).ln(),
        }
    }

    /// The middle: mean, centre, midpoint.
    pub fn centre(&self) -> f64 {
        match *self {
            Component::Gaussian { mean, .. } => mean,
            Component::Laplace { centre, .. } => centre,
            Component::Uniform { low, high } => 0.5 * (low + high),
        }
    }

    /// A width: sd, scale, or the interval's length.
    pub fn width(&self) -> f64 {
        match *self {
            Component::Gaussian { sd, .. } => sd,
            Component::Laplace { scale, .. } => scale,
            Component::Uniform { low, high } => high - low,
        }
    }

    /// The closed interval outside which the density is 0 (infinite ends for the
    /// Gaussian and the Laplace).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Component::Uniform { low, high } => (low, high),
            _ => (f64::NEG_INFINITY, f64::INFINITY),
        }
    }

    /// Where the quadrature should split: the uniform's edges (jumps), the Laplace's kink,
    /// and points a few widths out, so that a narrow peak inside a wide interval can never
    /// fall between the quadrature's nodes unseen.
    pub fn breakpoints(&self, out: &mut Vec<f64>) {
        match *self {
            Component::Gaussian { mean, sd } => {
                out.push(mean);
                for k in [1.0, 3.0, 6.0, 10.0] {
                    out.extend([mean - k * sd, mean + k * sd]);
                }
            }
            Component::Laplace { centre, scale } => {
                out.push(centre);
                for k in [1.0, 4.0, 12.0, 30.0] {
                    out.extend([centre - k * scale, centre + k * scale]);
                }
            }
            Component::Uniform { low, high } => out.extend([low, high]),
        }
    }

    pub fn mean(&self) -> f64 {
        self.centre()
    }

    pub fn variance(&self) -> f64 {
        match *self {
            Component::Gaussian { sd, .. } => sd * sd,
            Component::Laplace { scale, .. } => 2.0 * scale * scale,
            Component::Uniform { low, high } => (high - low).powi(2) / 12.0,
        }
    }

    /// Differential entropy in nats: ½ ln(2πeσ²), 1 + ln(2b), ln(high − low).
    pub fn entropy(&self) -> f64 {
        match *self {
            Component::Gaussian { sd, .. } => 0.5 * (2.0 * PI * std::f64::consts::E * sd * sd).ln(),
            Component::Laplace { scale, .. } => 1.0 + (2.0 * scale).ln(),
            Component::Uniform { low, high } => (high - low).ln(),
        }
    }
}

/// ln(eˣ − eʸ) for x ≥ y (−∞ when they are equal).
fn log_difference(x: f64, y: f64) -> f64 {
    if y == f64::NEG_INFINITY { x } else { x + (-(y - x).exp()).ln_1p() }
}

/// ln P(Z > z) for a standard normal Z: ln(erfc(z/√2)/2) while erfc has the digits, then
/// −u² − ln 2 + ln erfcx(u), u = z/√2, with erfcx from its continued fraction (accurate to
/// rounding for u ≥ 20, where erfc itself is below 1e-175 and soon underflows).
pub fn ln_normal_sf(z: f64) -> f64 {
    let u = z * FRAC_1_SQRT_2;
    if u < 20.0 {
        return (0.5 * libm::erfc(u)).ln();
    }
    if u == f64::INFINITY {
        return f64::NEG_INFINITY;
    }
    // erfc(u) = e^(−u²)/√π · 1/(u + (1/2)/(u + 1/(u + (3/2)/(u + …)))), from the bottom.
    let mut tail = u;
    for k in (1..=40).rev() {
        tail = u + (k as f64 * 0.5) / tail;
    }
    -u * u - 0.5 * PI.ln() - tail.ln() - std::f64::consts::LN_2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdf_and_sf_add_to_one_and_tails_keep_digits() {
        let g = Component::Gaussian { mean: 1.0, sd: 2.0 };
        for x in [-5.0, 0.0, 1.0, 3.0, 9.0] {
            assert!((g.cdf(x) + g.sf(x) - 1.0).abs() < 1e-15);
        }
        // 20 sd out: sf is about 2.75e-89, which 1 − cdf would give as 0.
        let far = g.mass(41.0, f64::INFINITY);
        assert!((far / 2.753_624_118_606_233e-89 - 1.0).abs() < 1e-12, "{far}");
        let l = Component::Laplace { centre: 0.0, scale: 1.0 };
        assert!((l.mass(40.0, f64::INFINITY) / (0.5 * (-40.0f64).exp()) - 1.0).abs() < 1e-14);
        let u = Component::Uniform { low: -1.0, high: 3.0 };
        assert_eq!(u.mass(0.0, 1.0), 0.25);
        assert_eq!(u.ln_pdf(4.0), f64::NEG_INFINITY);
    }

    #[test]
    fn log_masses_survive_where_masses_underflow() {
        // ln P(Z > 40) = −804.6084420137538 (mpmath: log(erfc(40/sqrt(2))/2)).
        assert!((ln_normal_sf(40.0) + 804.608_442_013_753_8).abs() < 1e-10, "{}", ln_normal_sf(40.0));
        // Continuous across the switch at u = 20.
        let z = 20.0 * std::f64::consts::SQRT_2;
        assert!((ln_normal_sf(z - 1e-9) - ln_normal_sf(z + 1e-9)).abs() < 1e-6);
        let g = Component::Gaussian { mean: 0.0, sd: 0.01 };
        assert_eq!(g.mass(10.0, 11.0), 0.0);
        let ln = g.ln_mass(10.0, 11.0);
        assert!((ln - ln_normal_sf(1000.0)).abs() < 1e-9, "{ln}");
        let l = Component::Laplace { centre: 0.0, scale: 1.0 };
        assert!(
            (l.ln_mass(-801.0, -800.0) - (-801.0 + (std::f64::consts::E - 1.0).ln() - std::f64::consts::LN_2)).abs()
                < 1e-9
        );
        assert!((g.ln_mass(-0.01, 0.02) - g.mass(-0.01, 0.02).ln()).abs() < 1e-15);
    }

    #[test]
    fn parameters_are_checked() {
        assert_eq!(Component::Gaussian { mean: 0.0, sd: 0.0 }.check().unwrap_err().parameter, "sd");
        assert_eq!(Component::Laplace { centre: f64::NAN, scale: 1.0 }.check().unwrap_err().parameter, "centre");
        assert_eq!(Component::Uniform { low: 2.0, high: 1.0 }.check().unwrap_err().parameter, "high");
        assert!(Component::Uniform { low: 1.0, high: 2.0 }.check().is_ok());
        let needle = Component::Gaussian { mean: 1e12, sd: 1e-8 }.check().unwrap_err();
        assert_eq!(
            (needle.parameter, needle.reason),
            ("sd", "the width must be at least 1e-10 of the centre's size (and of 1)")
        );
        assert!(Component::Gaussian { mean: 0.0, sd: 1e-9 }.check().is_ok());
    }
}

//! Edits a densities view makes when a handle is dragged, as pure functions returning a
//! new checked mixture (or the reason the edit cannot be made): move a component's
//! centre, change its width, or set its weight. Setting one weight rescales the others
//! by the same factor so that the weights still sum to 1 — an explicit edit the user
//! makes, not a silent normalisation of input.

use super::component::Component;
use super::error::DensityError;
use super::mixture::{Mixture, Weighted};

/// The smallest weight a drag can give a component of a mixture (it stays visible).
pub const MIN_WEIGHT: f64 = 1e-3;

fn replaced(d: &Mixture, index: usize, part: Weighted) -> Result<Mixture, DensityError> {
    let mut parts = d.parts().to_vec();
    if let Some(slot) = parts.get_mut(index) {
        *slot = part;
    }
    Mixture::new(parts)
}

/// Component `index` moved so that its centre is at `centre` (a uniform keeps its width).
pub fn move_centre(d: &Mixture, index: usize, centre: f64) -> Result<Mixture, DensityError> {
    let Some(part) = d.parts().get(index).copied() else { return Ok(d.clone()) };
    let component = match part.component {
        Component::Gaussian { sd, .. } => Component::Gaussian { mean: centre, sd },
        Component::Laplace { scale, .. } => Component::Laplace { centre, scale },
        Component::Uniform { low, high } => {
            let half = 0.5 * (high - low);
            Component::Uniform { low: centre - half, high: centre + half }
        }
    };
    replaced(d, index, Weighted::new(part.weight, component))
}

/// Component `index` with width `width`: sd, scale, or the uniform's length about its
/// centre.
pub fn set_width(d: &Mixture, index: usize, width: f64) -> Result<Mixture, DensityError> {
    let Some(part) = d.parts().get(index).copied() else { return Ok(d.clone()) };
    let component = match part.component {
        Component::Gaussian { mean, .. } => Component::Gaussian { mean, sd: width },
        Component::Laplace { centre, .. } => Component::Laplace { centre, scale: width },
        Component::Uniform { low, high } => {
            let centre = 0.5 * (low + high);
            Component::Uniform { low: centre - 0.5 * width, high: centre + 0.5 * width }
        }
    };
    replaced(d, index, Weighted::new(part.weight, component))
}

/// Component `index` given weight `weight` (clamped to [MIN_WEIGHT, 1 − MIN_WEIGHT·(n−1)]),
/// the others rescaled together so the weights sum to 1. A lone component keeps weight 1.
pub fn set_weight(d: &Mixture, index: usize, weight: f64) -> Result<Mixture, DensityError> {
    let parts = d.parts();
    let n = parts.len();
    if n < 2 || index >= n || !weight.is_finite() {
        return Ok(d.clone());
    }
    let weight = weight.clamp(MIN_WEIGHT, 1.0 - MIN_WEIGHT * (n - 1) as f64);
    let rest_before: f64 = parts.iter().enumerate().filter(|(i, _)| *i != index).map(|(_, p)| p.weight).sum();
    let factor = (1.0 - weight) / rest_before;
    let mut new: Vec<Weighted> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| Weighted::new(if i == index { weight } else { (p.weight * factor).max(MIN_WEIGHT) }, p.component))
        .collect();
    // Put the rounding (and any clamping) on the dragged component so the sum is 1.
    let others: f64 = new.iter().enumerate().filter(|(i, _)| *i != index).map(|(_, p)| p.weight).sum();
    new[index].weight = 1.0 - others;
    Mixture::new(new)
}

/// The weight that puts component `index`'s peak at `height` (the peak handle dragged).
pub fn weight_for_height(d: &Mixture, index: usize, height: f64) -> Option<f64> {
    let c = d.parts().get(index)?.component;
    Some(height / c.pdf(c.centre()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::density::curve::{curves, handles};

    fn pair() -> Mixture {
        Mixture::new(vec![
            Weighted::new(0.25, Component::Gaussian { mean: 0.0, sd: 1.0 }),
            Weighted::new(0.25, Component::Laplace { centre: 2.0, scale: 0.5 }),
            Weighted::new(0.5, Component::Uniform { low: -1.0, high: 1.0 }),
        ])
        .unwrap()
    }

    #[test]
    fn drags_keep_a_valid_mixture() {
        let d = pair();
        let moved = move_centre(&d, 2, 3.0).unwrap();
        assert_eq!(moved.parts()[2].component, Component::Uniform { low: 2.0, high: 4.0 });
        assert_eq!(set_width(&d, 0, 2.5).unwrap().parts()[0].component, Component::Gaussian { mean: 0.0, sd: 2.5 });
        assert!(set_width(&d, 1, 0.0).is_err(), "a zero width is refused, with the reason");
        let heavier = set_weight(&d, 0, 0.6).unwrap();
        let w: Vec<f64> = heavier.parts().iter().map(|p| p.weight).collect();
        assert!(
            (w[0] - 0.6).abs() < 1e-15 && (w[1] - 0.4 / 3.0).abs() < 1e-15 && (w[2] - 0.8 / 3.0).abs() < 1e-15,
            "{w:?}"
        );
        let all = set_weight(&d, 1, 5.0).unwrap();
        assert!(all.parts().iter().all(|p| p.weight >= MIN_WEIGHT));
        let h = handles(&d)[0];
        let w = weight_for_height(&d, 0, h.peak.1).unwrap();
        assert!((w - 0.25).abs() < 1e-15);
    }

    #[test]
    fn curves_draw_jumps_at_uniform_edges() {
        let p = pair();
        let q = Mixture::single(Component::Uniform { low: -2.0, high: 2.0 }).unwrap();
        let points = curves(&p, &q, (-3.0, 3.0), 61);
        assert!(points.len() > 61);
        let beyond = points.iter().find(|c| c.x > 2.5).unwrap();
        assert_eq!((beyond.q, beyond.kl_pq_term), (0.0, f64::INFINITY), "P has mass where Q is 0");
        let inside = points.iter().find(|c| (c.x - 0.5).abs() < 1e-9).unwrap();
        assert!((inside.kl_pq_term - inside.p * (inside.p / inside.q).ln()).abs() < 1e-15);
        // The reverse integrand q·ln(q/p): 0 where Q is 0, and its own value inside.
        assert_eq!(beyond.term(crate::info::Direction::Reverse), 0.0, "Q is 0 there");
        let reverse = inside.q * (inside.q / inside.p).ln();
        assert!((inside.term(crate::info::Direction::Reverse) - reverse).abs() < 1e-15);
        assert_eq!(inside.term(crate::info::Direction::Forward), inside.kl_pq_term);
        let p_narrow = Mixture::single(Component::Uniform { low: -1.0, high: 1.0 }).unwrap();
        let outside = curves(&p_narrow, &p, (-3.0, 3.0), 61).into_iter().find(|c| c.x > 1.5).unwrap();
        assert_eq!(outside.kl_qp_term, f64::INFINITY, "Q has mass where P is 0");
    }
}

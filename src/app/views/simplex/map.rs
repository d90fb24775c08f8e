//! The heat map of KL(P||x) or KL(x||P) over the triangle: values on a grid, their colours
//! as an image, contour lines and the edges' colours. It depends on P alone (and the
//! direction, unit and theme), so moving Q never computes it again.

use eframe::egui::{Color32, ColorImage};

use super::geometry::{self, Grid, Segment};
use crate::app::ui::theme;
use crate::info::{Direction, Unit};

/// The image's size in texels: about one texel per point of a triangle 200 points wide.
const COLS: usize = 200;
const ROWS: usize = 174;
/// Samples along each edge of the triangle.
const EDGE_SAMPLES: usize = 41;
/// How many contour levels at most.
const LEVELS: usize = 5;

pub struct Map {
    /// The image of the bounding box; texels outside the triangle repeat the nearest edge.
    pub image: ColorImage,
    /// The value (in the unit) the colour scale tops out at.
    pub top: f64,
    /// Contour lines, each with its level, in the unit.
    pub contours: Vec<(f64, Vec<Segment>)>,
    /// Each edge as points and their colours (the alarm colour where the value is ∞).
    pub edges: [Vec<([f64; 2], Color32)>; 3],
}

/// The value at distribution `x` of the chosen direction against `p`, in nats.
pub fn value(p: &[f64], x: &[f64], direction: Direction) -> f64 {
    match direction {
        Direction::Forward => geometry::kl_nats(p, x),
        Direction::Reverse => geometry::kl_nats(x, p),
    }
}

/// Where a value falls on the colour scale: the square root spreads the small values
/// near P (KL grows as the square of the distance there).
pub fn scale(value: f64, top: f64) -> f32 {
    (value / top).clamp(0.0, 1.0).sqrt() as f32
}

impl Map {
    pub fn compute(p: &[f64], direction: Direction, unit: Unit, dark_mode: bool) -> Map {
        let grid = Grid::of(COLS, ROWS, |x| unit.from_nats(value(p, &x, direction)));
        let top = top_of(&grid);
        let stripes = theme::infinity_stripes(dark_mode);
        let pixels = grid
            .values
            .iter()
            .enumerate()
            .map(|(k, &v)| {
                if v.is_finite() {
                    theme::heat(scale(v, top))
                } else {
                    // Diagonal stripes, three texels each.
                    let (i, j) = (k % grid.cols, k / grid.cols);
                    stripes[((i + j) / 3) % 2]
                }
            })
            .collect();
        let image = ColorImage::new([grid.cols, grid.rows], pixels);
        let contours = levels(top).into_iter().map(|level| (level, geometry::contour(&grid, level))).collect();
        let corners = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        // Edge k joins corners k and k + 1; it is where outcome k + 2 has probability 0.
        let edges = [0, 1, 2].map(|k| {
            let (a, b): ([f64; 3], [f64; 3]) = (corners[k], corners[(k + 1) % 3]);
            (0..EDGE_SAMPLES)
                .map(|s| {
                    let t = s as f64 / (EDGE_SAMPLES - 1) as f64;
                    let x = [0, 1, 2].map(|c| a[c] * (1.0 - t) + b[c] * t);
                    let v = unit.from_nats(value(p, &x, direction));
                    let color = if v.is_finite() { theme::heat(scale(v, top)) } else { stripes[0] };
                    (geometry::normalised(x), color)
                })
                .collect()
        });
        Map { image, top, contours, edges }
    }
}

/// The top of the colour scale: a round number above most of the triangle's finite
/// values, so that the few huge ones near an infinite edge do not wash out the rest.
fn top_of(grid: &Grid) -> f64 {
    let mut finite: Vec<f64> =
        grid.values.iter().zip(&grid.inside).filter(|(v, inside)| **inside && v.is_finite()).map(|(v, _)| *v).collect();
    if finite.is_empty() {
        return 1.0;
    }
    finite.sort_by(f64::total_cmp);
    let high = finite[(finite.len() * 9 / 10).min(finite.len() - 1)];
    nice_at_least(high.max(1e-3))
}

/// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `x`.
fn nice_at_least(x: f64) -> f64 {
    let power = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|&v| v >= x * (1.0 - 1e-12)).unwrap_or(10.0 * power)
}

/// Round levels at or below `top`, from a 1–2–5 sequence: the largest few.
pub fn levels(top: f64) -> Vec<f64> {
    let mut levels: Vec<f64> = (-4..4)
        .flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e)))
        .filter(|&v| v <= top * (1.0 + 1e-12))
        .collect();
    let skip = levels.len().saturating_sub(LEVELS);
    levels.drain(..skip);
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_tops_and_levels_are_round() {
        assert_eq!(nice_at_least(0.7), 1.0);
        assert_eq!(nice_at_least(1.3), 2.0);
        assert_eq!(nice_at_least(2.2), 2.5);
        assert_eq!(levels(2.0), vec![0.1, 0.2, 0.5, 1.0, 2.0]);
        assert_eq!(levels(2.5).last(), Some(&2.0));
    }

    #[test]
    fn the_map_of_p_with_full_support_is_infinite_only_on_its_edges() {
        let p = [0.5, 0.3, 0.2];
        let forward = Map::compute(&p, Direction::Forward, Unit::Bits, true);
        let alarm = theme::infinity_stripes(true)[0];
        // Every edge's ends are corners, where x gives 0 to two outcomes of P: ∞.
        for edge in &forward.edges {
            assert_eq!(edge[0].1, alarm);
        }
        assert!(forward.contours.iter().all(|(_, segments)| !segments.is_empty()));
        // Backwards, KL(x||P) is finite everywhere: at most −log₂ 0.2 at a corner.
        let reverse = Map::compute(&p, Direction::Reverse, Unit::Bits, true);
        assert!(reverse.edges.iter().flatten().all(|(_, color)| *color != alarm));
        // With P at 0 on outcome 2, KL(x||P) is ∞ wherever x gives outcome 2 mass.
        let edge_p = Map::compute(&[0.5, 0.5, 0.0], Direction::Reverse, Unit::Bits, true);
        let stripes = theme::infinity_stripes(true);
        let striped = edge_p.image.pixels.iter().filter(|c| stripes.contains(c)).count();
        assert!(striped > edge_p.image.pixels.len() / 2, "{striped} striped texels");
        assert!(edge_p.edges[0].iter().all(|(_, color)| *color != alarm), "the edge where x₃ = 0 is finite");
    }
}

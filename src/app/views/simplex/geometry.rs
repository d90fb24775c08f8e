//! The triangle of three-outcome distributions, without egui's drawing: barycentric
//! coordinates and the screen, the closest distribution to a point, KL over a grid, and
//! contour lines by marching squares.
//!
//! Normalised coordinates put the triangle in [0, 1] × [0, H] with y down: outcome 0 at
//! the bottom left, outcome 1 at the bottom right, outcome 2 at the top.

use eframe::egui::{Pos2, pos2};

use crate::info::Direction;
use crate::info::measures::outcome_terms;

/// The height of the equilateral triangle of side 1.
pub const H: f64 = 0.866_025_403_784_438_6;

/// Where an equilateral triangle sits on the screen: its bounding box's top left corner
/// and its side, in points. What the simplex view drew, for tests and the benchmark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triangle {
    pub min: Pos2,
    pub side: f32,
}

impl Triangle {
    /// The corners of outcomes 0, 1 and 2.
    pub fn corners(&self) -> [Pos2; 3] {
        [0, 1, 2].map(|i| {
            let mut b = [0.0; 3];
            b[i] = 1.0;
            self.to_screen(b)
        })
    }

    /// The point of distribution `b` (three probabilities).
    pub fn to_screen(&self, b: [f64; 3]) -> Pos2 {
        self.at(normalised(b))
    }

    /// A normalised point on the screen, in this triangle.
    pub fn at(&self, [x, y]: [f64; 2]) -> Pos2 {
        pos2(self.min.x + x as f32 * self.side, self.min.y + y as f32 * self.side)
    }

    /// The barycentric coordinates of a screen point: negative outside the triangle.
    pub fn to_barycentric(&self, p: Pos2) -> [f64; 3] {
        let side = f64::from(self.side.max(f32::EPSILON));
        barycentric([f64::from(p.x - self.min.x) / side, f64::from(p.y - self.min.y) / side])
    }
}

/// The normalised point of distribution `b`.
pub fn normalised(b: [f64; 3]) -> [f64; 2] {
    // Corners (0, H), (1, H), (0.5, 0).
    [b[1] + 0.5 * b[2], H * (1.0 - b[2])]
}

/// The barycentric coordinates of a normalised point (they sum to 1).
pub fn barycentric([x, y]: [f64; 2]) -> [f64; 3] {
    let b2 = 1.0 - y / H;
    let b1 = x - 0.5 * b2;
    [1.0 - b1 - b2, b1, b2]
}

/// The distribution nearest to `b` (Euclidean projection onto the simplex, which for an
/// equilateral triangle is also the nearest point on the screen). Sums to 1.
pub fn project(b: [f64; 3]) -> [f64; 3] {
    let mut sorted = b;
    sorted.sort_by(|x, y| y.total_cmp(x));
    let (mut sum, mut theta) = (0.0, 0.0);
    for (k, &v) in sorted.iter().enumerate() {
        sum += v;
        let t = (sum - 1.0) / (k + 1) as f64;
        if v - t > 0.0 {
            theta = t;
        }
    }
    let mut p = b.map(|v| (v - theta).max(0.0));
    let total: f64 = p.iter().sum();
    if total > 0.0 && total.is_finite() {
        p = p.map(|v| v / total);
    } else {
        p = [1.0 / 3.0; 3];
    }
    p
}

/// `b` to three decimals, still summing to 1: what a drag on the triangle sets, so the
/// bars read 0.312 rather than 0.3123871, and the edges (exact zeros) can be reached.
pub fn rounded(b: [f64; 3]) -> [f64; 3] {
    let mut r = b.map(|v| (v * 1000.0).round() / 1000.0);
    // The largest absorbs what rounding added or lost, so no value goes below 0.
    let largest = (0..3).max_by(|&i, &j| r[i].total_cmp(&r[j])).unwrap_or(0);
    let others: f64 = (0..3).filter(|&k| k != largest).map(|k| r[k]).sum();
    r[largest] = 1.0 - others;
    r
}

/// KL(a‖b) in nats, term by term as the measures compute it (∞ where some a > 0 has
/// b = 0).
pub fn kl_nats(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(&x, &y)| outcome_terms(x, y).pq).sum()
}

/// Values at the nodes of a grid laid over the triangle's bounding box: node (i, j) sits
/// at the centre of texel (i, j) of a `cols` × `rows` image. Nodes outside the triangle
/// hold the value at the nearest distribution (so an image's edge texels have a colour)
/// and are marked, so that contours skip them.
pub struct Grid {
    pub cols: usize,
    pub rows: usize,
    pub values: Vec<f64>,
    pub inside: Vec<bool>,
}

impl Grid {
    /// `f` of every node's distribution.
    pub fn of(cols: usize, rows: usize, f: impl Fn([f64; 3]) -> f64) -> Grid {
        let mut values = Vec::with_capacity(cols * rows);
        let mut inside = Vec::with_capacity(cols * rows);
        for j in 0..rows {
            for i in 0..cols {
                let b = barycentric(Grid::node_at(cols, rows, i, j));
                let is_inside = b.iter().all(|&v| v >= 0.0);
                values.push(f(if is_inside { b } else { project(b) }));
                inside.push(is_inside);
            }
        }
        Grid { cols, rows, values, inside }
    }

    /// The normalised position of node (i, j).
    pub fn node(&self, i: usize, j: usize) -> [f64; 2] {
        Grid::node_at(self.cols, self.rows, i, j)
    }

    fn node_at(cols: usize, rows: usize, i: usize, j: usize) -> [f64; 2] {
        [(i as f64 + 0.5) / cols as f64, (j as f64 + 0.5) / rows as f64 * H]
    }

    fn value(&self, i: usize, j: usize) -> Option<f64> {
        let k = j * self.cols + i;
        self.inside[k].then(|| self.values[k])
    }
}

/// A piece of a contour line, between two normalised points.
pub type Segment = [[f64; 2]; 2];

/// The contour of `grid` at `level` by marching squares: segments between the edges of
/// each cell whose corners lie on both sides of the level. Cells with a corner outside
/// the triangle are skipped; ∞ counts as above every level.
pub fn contour(grid: &Grid, level: f64) -> Vec<Segment> {
    let mut segments = Vec::new();
    for j in 0..grid.rows.saturating_sub(1) {
        for i in 0..grid.cols.saturating_sub(1) {
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let values = corners.map(|(a, b)| grid.value(a, b));
            let Some(v) = all(values) else { continue };
            let above = v.map(|x| x > level);
            let case = above.iter().enumerate().fold(0, |acc, (k, &a)| acc | (usize::from(a) << k));
            if case == 0 || case == 15 {
                continue;
            }
            let points = corners.map(|(a, b)| grid.node(a, b));
            // The crossing on the cell edge from corner k to corner k + 1.
            let cross = |k: usize| {
                let (a, b) = (k, (k + 1) % 4);
                let t = crossing(v[a], v[b], level);
                [points[a][0] + t * (points[b][0] - points[a][0]), points[a][1] + t * (points[b][1] - points[a][1])]
            };
            // The cell edges crossed: an even number, paired in order around the cell,
            // except a saddle (two opposite corners above), settled by the cell's mean.
            let crossed: Vec<usize> = (0..4).filter(|&k| above[k] != above[(k + 1) % 4]).collect();
            if crossed.len() == 4 {
                let mean_above = v.iter().sum::<f64>() / 4.0 > level;
                let pairs = if mean_above == above[0] { [(0, 1), (2, 3)] } else { [(3, 0), (1, 2)] };
                for (a, b) in pairs {
                    segments.push([cross(a), cross(b)]);
                }
            } else if let [a, b] = crossed[..] {
                segments.push([cross(a), cross(b)]);
            }
        }
    }
    segments
}

/// Where between values `a` and `b` the level lies, from 0 to 1 (an infinite end puts
/// the crossing at the finite one).
fn crossing(a: f64, b: f64, level: f64) -> f64 {
    if !a.is_finite() {
        return 1.0;
    }
    if !b.is_finite() {
        return 0.0;
    }
    let t = (level - a) / (b - a);
    if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.5 }
}

fn all(values: [Option<f64>; 4]) -> Option<[f64; 4]> {
    Some([values[0]?, values[1]?, values[2]?, values[3]?])
}

/// "KL(P||x)" or "KL(x||P)".
pub fn direction_symbol(direction: Direction) -> &'static str {
    match direction {
        Direction::Forward => "KL(P||x)",
        Direction::Reverse => "KL(x||P)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::Report;

    #[test]
    fn barycentric_round_trip_through_the_screen() {
        let triangle = Triangle { min: pos2(40.0, 10.0), side: 300.0 };
        for b in [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.3, 0.5], [1.0 / 3.0; 3]] {
            let back = triangle.to_barycentric(triangle.to_screen(b));
            for k in 0..3 {
                assert!((back[k] - b[k]).abs() < 1e-5, "{b:?} came back as {back:?}");
            }
        }
        let [a, b, c] = triangle.corners();
        assert_eq!((a.y, b.y, a.x, b.x), (c.y + 300.0 * H as f32, a.y, 40.0, 340.0));
        assert!((c.x - 190.0).abs() < 1e-4 && (c.y - 10.0).abs() < 1e-4);
    }

    #[test]
    fn projection_keeps_distributions_and_finds_the_nearest_edge_point() {
        assert_eq!(project([0.2, 0.3, 0.5]), [0.2, 0.3, 0.5]);
        // Below the bottom edge, halfway along it: the edge's midpoint.
        let p = project([0.6, 0.6, -0.2]);
        assert!((p[0] - 0.5).abs() < 1e-12 && (p[1] - 0.5).abs() < 1e-12 && p[2] == 0.0, "{p:?}");
        // Far beyond a corner: the corner.
        assert_eq!(project([3.0, -1.0, -1.0]), [1.0, 0.0, 0.0]);
        let sum: f64 = project([0.9, 0.9, 0.9]).iter().sum();
        assert!((sum - 1.0).abs() < 1e-15);
    }

    #[test]
    fn rounding_keeps_a_distribution() {
        for b in [[0.3123871, 0.4004, 0.2872129], [0.0004, 0.9992, 0.0004], [1.0 / 3.0; 3]] {
            let r = rounded(b);
            assert!(r.iter().all(|&v| v >= 0.0) && (r.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{r:?}");
            assert!((0..3).all(|k| (r[k] - b[k]).abs() < 0.0016), "{b:?} → {r:?}");
        }
        assert_eq!(rounded([0.0004, 0.9992, 0.0004])[0], 0.0);
    }

    #[test]
    fn grid_values_are_the_measures_kl() {
        let p = [0.5, 0.3, 0.2];
        let grid = Grid::of(24, 21, |x| kl_nats(&p, &x));
        let (mut checked, mut outside) = (0, 0);
        for j in 0..grid.rows {
            for i in 0..grid.cols {
                let k = j * grid.cols + i;
                if !grid.inside[k] {
                    outside += 1;
                    continue;
                }
                let x = barycentric(grid.node(i, j));
                let report = Report::compute(&p, &x);
                assert!((grid.values[k] - report.kl_pq).abs() < 1e-12, "{x:?}");
                checked += 1;
            }
        }
        assert!(checked > 200 && outside > 100, "{checked} inside, {outside} outside");
        // Infinite where x gives 0 to an outcome P has; finite where P has none.
        assert_eq!(kl_nats(&p, &[0.5, 0.5, 0.0]), f64::INFINITY);
        assert!(kl_nats(&[0.5, 0.5, 0.0], &[0.5, 0.5, 0.0]).abs() < 1e-15);
    }

    #[test]
    fn the_contour_of_a_distance_is_a_circle() {
        // f = distance from the centroid: its contour at 0.2 lies on that circle.
        let centre = normalised([1.0 / 3.0; 3]);
        let grid = Grid::of(80, 70, |b| {
            let [x, y] = normalised(b);
            ((x - centre[0]).powi(2) + (y - centre[1]).powi(2)).sqrt()
        });
        let segments = contour(&grid, 0.2);
        assert!(segments.len() > 40, "{} segments", segments.len());
        for [a, b] in segments {
            for [x, y] in [a, b] {
                let r = ((x - centre[0]).powi(2) + (y - centre[1]).powi(2)).sqrt();
                assert!((r - 0.2).abs() < 0.002, "a point at radius {r}");
            }
        }
        // Nothing at a level that is never reached, and ∞ counts as above.
        assert!(contour(&grid, 5.0).is_empty());
        let infinite = Grid::of(10, 9, |b| if b[2] > 0.5 { f64::INFINITY } else { 0.0 });
        assert!(!contour(&infinite, 1.0).is_empty());
    }
}

//! Where bars sit inside an editor's canvas: one slot per outcome on a linear scale, or,
//! for a vocabulary, the top outcomes as bars and the rest squeezed into the remaining
//! width (many outcomes per pixel column) on a logarithmic scale.

use eframe::egui::{Rect, pos2};
use std::sync::Arc;

use crate::app::model::order::Ranking;

/// How probabilities map to heights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// 0 at the bottom, `top` at the top.
    Linear { top: f64 },
    /// `floor` at the bottom (values below it, and 0, sit on the bottom line), 1 at the top.
    Log { floor: f64 },
}

/// A vocabulary's horizontal layout: ranks left to right, the first `bars` as bars.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub ranking: Arc<Ranking>,
    /// How many of the top outcomes get a bar of their own.
    pub bars: usize,
}

/// Where bars sit inside the editor's canvas. Public so tests can aim at a bar.
#[derive(Debug, Clone)]
pub struct BarLayout {
    pub rect: Rect,
    pub n: usize,
    pub scale: Scale,
    /// Set when the outcomes are too many for a bar each.
    pub vocabulary: Option<Vocabulary>,
    /// How much larger than normal the labels around the bars are (presentation mode).
    pub text_scale: f32,
}

impl BarLayout {
    /// Room above the bars for the value labels.
    pub const TOP: f32 = 22.0;
    /// Room below the bars for the outcome labels.
    pub const BOTTOM: f32 = 20.0;
    /// The share of a vocabulary's width given to its top outcomes' bars.
    const BAR_SHARE: f32 = 0.45;
    /// Pixels at the bottom of a logarithmic scale that mean probability 0.
    const ZERO_BAND: f32 = 3.0;

    /// One slot per outcome, on a linear scale up to `top`.
    pub fn slots(rect: Rect, n: usize, top: f64) -> BarLayout {
        BarLayout { rect, n, scale: Scale::Linear { top }, vocabulary: None, text_scale: 1.0 }
    }

    /// A vocabulary in `ranking`'s order on a logarithmic scale down to `floor`.
    pub fn vocabulary(rect: Rect, ranking: Arc<Ranking>, floor: f64) -> BarLayout {
        let n = ranking.len();
        let room = rect.width() * Self::BAR_SHARE;
        let bars = ((room / 18.0).floor() as usize).clamp(4, 40).min(n);
        BarLayout {
            rect,
            n,
            scale: Scale::Log { floor },
            vocabulary: Some(Vocabulary { ranking, bars }),
            text_scale: 1.0,
        }
    }

    /// The same layout with room for labels `scale` times the normal size.
    pub fn with_text_scale(mut self, scale: f32) -> BarLayout {
        self.text_scale = scale;
        self
    }

    /// The probability at the top of a linear scale (1 for a logarithmic one).
    pub fn top(&self) -> f64 {
        match self.scale {
            Scale::Linear { top } => top,
            Scale::Log { .. } => 1.0,
        }
    }

    /// The area in which bar heights are drawn.
    pub fn bars(&self) -> Rect {
        Rect::from_min_max(
            pos2(self.rect.left(), self.rect.top() + Self::TOP * self.text_scale),
            pos2(self.rect.right(), self.rect.bottom() - Self::BOTTOM * self.text_scale),
        )
    }

    /// The width of one bar's slot (of the top outcomes', for a vocabulary).
    pub fn slot_width(&self) -> f32 {
        match &self.vocabulary {
            None => self.rect.width() / self.n.max(1) as f32,
            Some(v) => self.rect.width() * Self::BAR_SHARE / v.bars.max(1) as f32,
        }
    }

    /// Where a vocabulary's summarised tail starts (the right edge for slots).
    pub fn tail_left(&self) -> f32 {
        match &self.vocabulary {
            None => self.rect.right(),
            Some(v) => self.rect.left() + v.bars as f32 * self.slot_width(),
        }
    }

    /// The rank of `index` in the drawing order.
    pub fn rank_of(&self, index: usize) -> usize {
        self.vocabulary.as_ref().map_or(index, |v| v.ranking.rank(index))
    }

    /// The outcome drawn at `rank`.
    pub fn outcome_at_rank(&self, rank: usize) -> usize {
        self.vocabulary.as_ref().map_or(rank, |v| v.ranking.outcome(rank))
    }

    /// The centre of the slot of `rank` (in the tail: of its share of a pixel column).
    pub fn x_of_rank(&self, rank: usize) -> f32 {
        let slot = self.slot_width();
        match &self.vocabulary {
            Some(v) if rank >= v.bars => {
                let tail = self.tail_ranks().max(1) as f32;
                let left = self.tail_left();
                left + ((rank - v.bars) as f32 + 0.5) / tail * (self.rect.right() - left)
            }
            _ => self.rect.left() + (rank as f32 + 0.5) * slot,
        }
    }

    /// How many outcomes the tail summarises.
    pub fn tail_ranks(&self) -> usize {
        self.vocabulary.as_ref().map_or(0, |v| self.n.saturating_sub(v.bars))
    }

    pub fn center_x(&self, index: usize) -> f32 {
        self.x_of_rank(self.rank_of(index))
    }

    /// The rank under `x`.
    pub fn rank_at(&self, x: f32) -> usize {
        let last = self.n.saturating_sub(1);
        let left = self.tail_left();
        match &self.vocabulary {
            Some(v) if x >= left && self.tail_ranks() > 0 => {
                let share = ((x - left) / (self.rect.right() - left).max(1.0)).clamp(0.0, 1.0);
                (v.bars + (share * self.tail_ranks() as f32) as usize).min(last)
            }
            _ => {
                let slot = ((x - self.rect.left()) / self.slot_width()).floor();
                (slot.max(0.0) as usize).min(last)
            }
        }
    }

    /// The outcome under `x`.
    pub fn index_at(&self, x: f32) -> usize {
        self.outcome_at_rank(self.rank_at(x))
    }

    pub fn y_of(&self, value: f64) -> f32 {
        let bars = self.bars();
        let share = match self.scale {
            Scale::Linear { top } => value / top,
            Scale::Log { floor } if value > 0.0 => (value / floor).ln() / (1.0 / floor).ln(),
            Scale::Log { .. } => 0.0,
        };
        bars.bottom() - share.clamp(0.0, 1.0) as f32 * bars.height()
    }

    /// The probability a pointer at height `y` asks for.
    pub fn value_at(&self, y: f32) -> f64 {
        let bars = self.bars();
        let share = ((bars.bottom() - y) / bars.height()).clamp(0.0, 1.0) as f64;
        match self.scale {
            Scale::Linear { top } => share * top,
            // The bottom few pixels are exactly 0: the only way to reach it on a log scale.
            Scale::Log { .. } if bars.bottom() - y < Self::ZERO_BAND => 0.0,
            Scale::Log { floor } => floor.powf(1.0 - share),
        }
    }

    /// The rank range drawn in the pixel column starting at `x` (one pixel wide).
    pub fn ranks_in_column(&self, x: f32) -> std::ops::Range<usize> {
        let start = self.rank_at(x);
        let end = (self.rank_at(x + 1.0)).max(start + 1).min(self.n);
        start..end
    }
}

/// The power of ten at the bottom of a logarithmic scale: below the smallest positive
/// value shown, at least three decades down, at most twelve.
pub fn log_floor(p: &[f64], q: &[f64]) -> f64 {
    let smallest = p.iter().chain(q).copied().filter(|&x| x > 0.0).fold(1.0f64, f64::min);
    10f64.powf(smallest.log10().floor().clamp(-12.0, -3.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::model::order::SortKey;
    use eframe::egui::vec2;

    fn vocabulary(n: usize) -> BarLayout {
        let p: Vec<f64> = (0..n).map(|i| 1.0 / (i + 1) as f64).collect();
        let ranking = Arc::new(Ranking::new(&p, &p, SortKey::P));
        BarLayout::vocabulary(Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 242.0)), ranking, 1e-6)
    }

    #[test]
    fn every_rank_maps_to_a_column_and_back() {
        let layout = vocabulary(100_000);
        for rank in [0, 1, 39, 40, 41, 5_000, 99_999] {
            let x = layout.x_of_rank(rank);
            let back = layout.rank_at(x);
            let column = layout.ranks_in_column(x.floor());
            assert!(back == rank || column.contains(&rank), "rank {rank} at x {x} came back as {back}");
        }
        assert_eq!(layout.rank_at(-5.0), 0);
        assert_eq!(layout.rank_at(5000.0), 99_999);
    }

    #[test]
    fn the_log_scale_round_trips_and_has_a_zero_band() {
        let layout = vocabulary(1000);
        for value in [1.0, 0.1, 1e-3, 2.5e-5, 5e-6] {
            let back = layout.value_at(layout.y_of(value));
            assert!((back / value - 1.0).abs() < 1e-3, "{value} came back as {back}");
        }
        assert_eq!(layout.value_at(layout.bars().bottom()), 0.0);
        assert_eq!(log_floor(&[0.5, 0.5], &[0.9, 0.1]), 1e-3);
        assert_eq!(log_floor(&[0.5, 0.5 - 2e-7, 2e-7], &[0.0, 0.5, 0.5]), 1e-7);
    }
}

//! Wasserstein-1 (the earth mover's distance) between P and Q on ordered outcomes:
//! W₁ = Σ |F_P − F_Q|·gap, F the cumulative distributions and gap the distance from one
//! outcome's position to the next. It stays finite and keeps growing as two bumps move
//! apart, where KL is ∞ and JS stops at ln 2. With outcomes that have no order and a
//! cost of 1 for moving mass between any two of them, the cheapest transport costs
//! exactly the total variation ½ Σ |p − q|.
//!
//! The optimal plan on a line is the monotone coupling: P's mass, left to right, fills
//! Q's, left to right (no two moves cross).

/// Positions 0, 1, 2, …: the outcomes' order, when a scenario gives none.
pub fn default_positions(n: usize) -> Vec<f64> {
    (0..n).map(|i| i as f64).collect()
}

/// W₁(P, Q) at `positions` (strictly increasing, one per outcome; `None` for 0, 1, 2, …),
/// in the positions' units. Extra outcomes of the longer list are ignored; positions of
/// the wrong length count as `None`.
pub fn wasserstein1(p: &[f64], q: &[f64], positions: Option<&[f64]>) -> f64 {
    let n = p.len().min(q.len());
    let positions = positions.filter(|x| x.len() == n);
    let (mut cumulative, mut total) = (0.0, 0.0);
    for i in 0..n.saturating_sub(1) {
        cumulative += p[i] - q[i];
        let gap = positions.map_or(1.0, |x| x[i + 1] - x[i]);
        total += cumulative.abs() * gap;
    }
    total
}

/// Each outcome's share of W₁: |F_P − F_Q| after it, times the gap to the next
/// outcome's position (0 for the last), so that the shares add up to
/// [`wasserstein1`] exactly.
pub fn gap_terms(p: &[f64], q: &[f64], positions: Option<&[f64]>) -> Vec<f64> {
    let n = p.len().min(q.len());
    let positions = positions.filter(|x| x.len() == n);
    let mut cumulative = 0.0;
    (0..n)
        .map(|i| {
            if i + 1 == n {
                return 0.0;
            }
            cumulative += p[i] - q[i];
            let gap = positions.map_or(1.0, |x| x[i + 1] - x[i]);
            f64::abs(cumulative) * gap
        })
        .collect()
}

/// One move of the transport plan: `mass` from P's outcome `from` to Q's outcome `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    pub from: usize,
    pub to: usize,
    pub mass: f64,
}

/// The monotone coupling of P and Q: the moves, in order, that carry P onto Q at the
/// least cost Σ mass·|x_from − x_to| = W₁. Mass that stays put is a move with
/// `from == to`. Rounding left over at the end (P and Q sum to 1 only within rounding)
/// is not moved.
pub fn transport_plan(p: &[f64], q: &[f64]) -> Vec<Move> {
    let n = p.len().min(q.len());
    let mut plan = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut left_p, mut left_q) = (p.first().copied().unwrap_or(0.0), q.first().copied().unwrap_or(0.0));
    while i < n && j < n {
        let mass = left_p.min(left_q);
        if mass > 0.0 {
            plan.push(Move { from: i, to: j, mass });
        }
        left_p -= mass;
        left_q -= mass;
        // Whichever side is used up moves on (both, when they run out together).
        if left_p <= 0.0 {
            i += 1;
            left_p = p.get(i).copied().unwrap_or(0.0);
        }
        if left_q <= 0.0 {
            j += 1;
            left_q = q.get(j).copied().unwrap_or(0.0);
        }
    }
    plan
}

/// What a plan costs at `positions` (`None`: 0, 1, 2, …): Σ mass·|x_from − x_to|.
pub fn plan_cost(plan: &[Move], positions: Option<&[f64]>) -> f64 {
    let at = |i: usize| positions.map_or(i as f64, |x| x.get(i).copied().unwrap_or(f64::NAN));
    plan.iter().map(|m| m.mass * (at(m.from) - at(m.to)).abs()).sum()
}

/// Why a list of positions cannot place the outcomes.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PositionsError {
    #[error("positions has {given} values but there are {labels} labels")]
    Length { given: usize, labels: usize },
    #[error("positions[{index}] is {value}")]
    NotFinite { index: usize, value: f64 },
    #[error("positions[{index}] is {value}, not above positions[{previous_index}] = {previous}")]
    NotIncreasing { index: usize, value: f64, previous_index: usize, previous: f64 },
}

impl PositionsError {
    /// The rule that was broken, as a scenario error's reason.
    pub fn reason(&self) -> &'static str {
        match self {
            PositionsError::Length { .. } => "every outcome needs exactly one position",
            PositionsError::NotFinite { .. } => "a position is a finite number",
            PositionsError::NotIncreasing { .. } => "positions must be strictly increasing, in the order of the labels",
        }
    }
}

/// Positions that W₁ can use: one per outcome, finite, strictly increasing.
pub fn check_positions(positions: &[f64], labels: usize) -> Result<(), PositionsError> {
    if positions.len() != labels {
        return Err(PositionsError::Length { given: positions.len(), labels });
    }
    if let Some((index, &value)) = positions.iter().enumerate().find(|(_, x)| !x.is_finite()) {
        return Err(PositionsError::NotFinite { index, value });
    }
    for (index, pair) in positions.windows(2).enumerate() {
        if pair[1] <= pair[0] {
            return Err(PositionsError::NotIncreasing {
                index: index + 1,
                value: pair[1],
                previous_index: index,
                previous: pair[0],
            });
        }
    }
    Ok(())
}

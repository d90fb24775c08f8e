//! What the divergences view draws, computed once per analysis revision and order α:
//! the family's values, the generators and ratio points, D_α against α, the transport
//! plan, and Fisher's local picture.

use crate::info::family::{FamilyPicture, FamilyReport};
use crate::info::fisher::LocalPicture;
use crate::info::wasserstein::default_positions;

/// The generators are drawn for t = p/q from 0 to this; larger ratios sit at the edge.
pub const T_MAX: f64 = 4.0;

pub struct FamilyData {
    pub family: FamilyReport,
    pub picture: FamilyPicture,
    /// Where the outcomes sit: the scenario's positions, else 0, 1, 2, ….
    pub positions: Vec<f64>,
    /// Whether the positions are the scenario's own (else the outcomes' order).
    pub positioned: bool,
    pub local: LocalPicture,
}

impl FamilyData {
    pub fn compute(p: &[f64], q: &[f64], alpha: f64, positions: Option<&[f64]>) -> FamilyData {
        let given = positions.filter(|x| x.len() == p.len());
        FamilyData {
            family: FamilyReport::compute(p, q, alpha, given),
            picture: FamilyPicture::of(p, q, alpha, T_MAX, 161),
            positions: given.map_or_else(|| default_positions(p.len()), <[f64]>::to_vec),
            positioned: given.is_some(),
            local: LocalPicture::of(p, q),
        }
    }
}

//! Densities on the real line: mixtures of up to four Gaussian, Laplace and uniform
//! components, and every measure of two of them as an integral with a stated error bound
//! (adaptive Gauss–Kronrod, closed forms where they exist, ∞ named from the supports).
//! Then what is built on them: bins (from integrals back to sums), variational inference
//! on a conjugate model and on a bimodal target, and the VAE's KL term.

pub mod binning;
mod closed_form;
mod component;
pub mod curve;
pub mod edit;
mod error;
pub mod fit;
mod mixture;
pub mod quadrature;
mod report;
mod spec;
mod support;
pub mod vae;
pub mod vi;

pub use binning::{BinError, Binned, bin, covering_range};
pub use closed_form::{cross_entropy, kl as closed_form_kl};
pub use component::{Component, ParameterProblem};
pub use curve::{CurvePoint, Handles, curves, handles};
pub use error::DensityError;
pub use fit::{GaussianFit, fit_forward, fit_reverse, reverse_kl};
pub use mixture::{MAX_COMPONENTS, Mixture, WEIGHT_TOLERANCE, Weighted};
pub use quadrature::{Accuracy, Estimate};
pub use report::{DENSITY_MEASURES, DensityReport, Method, regions};
pub use spec::{SpecError, parse_density};
pub use support::{Uncovered, interval};
pub use vi::{Conjugate, ElboParts, ModelError, Normal, VariationalState};

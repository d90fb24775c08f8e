//! Where a plot's ticks go: round steps (1, 2, 2.5 or 5 times a power of ten) as close
//! together as their labels allow, so that a short plot still labels three or more values,
//! and decades for a logarithmic axis. egui_plot's own spacer steps by powers of ten only,
//! which left many plots with a single "0".

use egui_plot::{GridInput, GridMark};

/// egui_plot's `grid_spacing.min` (its default): `GridInput::base_step_size` is the data
/// step this many points long, which gives the points per unit of the axis.
const GRID_MIN_POINTS: f64 = 8.0;

/// How many points one unit of the axis takes in this frame.
pub fn points_per_unit(input: &GridInput) -> f64 {
    if input.base_step_size > 0.0 { GRID_MIN_POINTS / input.base_step_size } else { 0.0 }
}

/// The smallest round step (1, 2, 2.5 or 5 × 10ᵏ) at least `least` long.
pub fn round_step(least: f64) -> f64 {
    if !(least > 0.0 && least.is_finite()) {
        return 1.0;
    }
    let decade = 10f64.powf(least.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|k| k * decade)
        .find(|&step| step >= least * (1.0 - 1e-9))
        .unwrap_or(decade * 10.0)
}

/// Marks at round steps at least `spacing` points apart (the labelled ones), with
/// unlabelled minor marks between them. `spacing` should exceed the axis's label spacing
/// and the labels' own extent along the axis, or egui_plot leaves labels out.
pub fn round_marks(input: GridInput, spacing: f32) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let per_unit = points_per_unit(&input);
    if high.partial_cmp(&low) != Some(std::cmp::Ordering::Greater) || per_unit <= 0.0 || !per_unit.is_finite() {
        return Vec::new();
    }
    let step = round_step(f64::from(spacing) / per_unit);
    let minor = step / if (step / 10f64.powf(step.log10().floor()) - 2.5).abs() < 1e-9 { 2.5 } else { 5.0 };
    let mut marks = Vec::new();
    for (size, labelled) in [(step, true), (minor, false)] {
        let first = (low / size).ceil() as i64;
        let last = (high / size).floor() as i64;
        for k in first..=last.min(first + 2000) {
            let value = k as f64 * size;
            let on_major = ((value / step).round() * step - value).abs() < size * 1e-6;
            if labelled || !on_major {
                // Round away the float noise (0.07500000000000001 is 0.075), and −0 to 0.
                let value = if value.abs() < size * 1e-9 { 0.0 } else { (value * 1e12).round() / 1e12 };
                marks.push(GridMark { value, step_size: size });
            }
        }
    }
    marks
}

/// A round mark's label, with as many decimals as its step needs: 0.25 steps give 0.25,
/// 0.5 and 0.75; 0.2 steps give 0.2, 0.4; 5 steps give 5, 10. Never "−0".
pub fn label(mark: GridMark) -> String {
    let step = mark.step_size.abs();
    if !(step > 0.0 && step.is_finite()) {
        return String::new();
    }
    let mantissa = step / 10f64.powf(step.log10().floor());
    let extra = usize::from((mantissa - 2.5).abs() < 1e-6);
    let decimals = ((-step.log10().floor()).max(0.0) as usize) + extra;
    let value = if mark.value.abs() < step * 1e-6 { 0.0 } else { mark.value };
    format!("{value:.decimals$}")
}

/// A logarithmic axis drawn as log₁₀ of its values: a mark at each whole decade, every
/// decade labelled where they are `spacing` points apart, else every second (or fifth …),
/// and unlabelled marks at 2× … 9× each decade.
pub fn decade_marks(input: GridInput, spacing: f32) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    if high <= low || !low.is_finite() || !high.is_finite() {
        return Vec::new();
    }
    let per_decade = points_per_unit(&input);
    let stride = [1i64, 2, 3, 5, 10].into_iter().find(|&k| k as f64 * per_decade > f64::from(spacing)).unwrap_or(10);
    let mut marks = Vec::new();
    for decade in (low.floor() as i64)..=(high.ceil() as i64) {
        let labelled = decade % stride == 0;
        let decade = decade as f64;
        if (low..=high).contains(&decade) {
            // A mark's step size is what egui_plot spaces labels by: the stride for labelled ones.
            marks.push(GridMark { value: decade, step_size: if labelled { stride as f64 } else { 1.0 } });
        }
        for k in 2..10 {
            let value = decade + f64::from(k).log10();
            if (low..=high).contains(&value) {
                marks.push(GridMark { value, step_size: 0.1 });
            }
        }
    }
    marks
}

/// A decade's label on a logarithmic probability axis: 1, 0.1, 0.01, 0.001, then 10⁻⁴ ….
pub fn decade_label(log10: f64) -> String {
    let k = log10.round();
    if (log10 - k).abs() > 1e-6 {
        return String::new();
    }
    match k as i64 {
        e @ -3..=0 => format!("{}", 10f64.powi(e as i32)),
        e => format!("1e{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bounds: (f64, f64), points: f64) -> GridInput {
        GridInput { bounds, base_step_size: (bounds.1 - bounds.0) / points * GRID_MIN_POINTS }
    }

    fn labelled(marks: &[GridMark]) -> Vec<f64> {
        let largest = marks.iter().map(|m| m.step_size).fold(0.0, f64::max);
        marks.iter().filter(|m| m.step_size == largest).map(|m| m.value).collect()
    }

    #[test]
    fn round_steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten() {
        assert_eq!(round_step(0.013), 0.02);
        assert_eq!(round_step(0.21), 0.25);
        assert_eq!(round_step(3.0), 5.0);
        assert_eq!(round_step(0.1), 0.1);
        assert_eq!(round_step(6.0), 10.0);
    }

    #[test]
    fn a_short_plot_of_a_small_range_still_labels_three_values() {
        // 0 to 0.12 over 140 points, labels at least 28 points (0.024) apart: steps of 0.025.
        let marks = round_marks(input((0.0, 0.12), 140.0), 28.0);
        assert_eq!(labelled(&marks), vec![0.0, 0.025, 0.05, 0.075, 0.1]);
        // Over 80 points: steps of 0.05, still three labels.
        let marks = round_marks(input((0.0, 0.12), 80.0), 28.0);
        assert_eq!(labelled(&marks), vec![0.0, 0.05, 0.1]);
        // A negative term below the zero line.
        let marks = round_marks(input((-0.25, 0.8), 200.0), 28.0);
        assert!(labelled(&marks).len() >= 3, "{:?}", labelled(&marks));
        assert!(labelled(&marks).contains(&0.0));
    }

    #[test]
    fn labels_have_the_decimals_their_step_needs() {
        let at = |value, step_size| label(GridMark { value, step_size });
        assert_eq!(at(0.5, 0.25), "0.50");
        assert_eq!(at(0.75, 0.25), "0.75");
        assert_eq!(at(-0.5, 0.5), "-0.5");
        assert_eq!(at(1e-17, 0.5), "0.0");
        assert_eq!(at(10.0, 5.0), "10");
        assert_eq!(at(0.04, 0.02), "0.04");
    }

    #[test]
    fn decades_are_labelled_as_probabilities() {
        // 800 points a decade: every decade labelled.
        let marks = decade_marks(GridInput { bounds: (-3.2, 0.0), base_step_size: 0.01 }, 60.0);
        let decades: Vec<f64> = marks.iter().filter(|m| m.step_size == 1.0).map(|m| m.value).collect();
        assert_eq!(decades, vec![-3.0, -2.0, -1.0, 0.0]);
        // 34 points a decade: every second one labelled (step 2), the others not.
        let marks = decade_marks(GridInput { bounds: (-8.0, 0.0), base_step_size: 8.0 / 34.0 }, 60.0);
        let labelled: Vec<f64> = marks.iter().filter(|m| m.step_size == 2.0).map(|m| m.value).collect();
        assert_eq!(labelled, vec![-8.0, -6.0, -4.0, -2.0, 0.0]);
        assert_eq!(decade_label(-2.0), "0.01");
        assert_eq!(decade_label(0.0), "1");
        assert_eq!(decade_label(-5.0), "1e-5");
        assert_eq!(decade_label(-1.5), "");
    }
}

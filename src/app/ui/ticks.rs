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

/// The labelled marks of an axis drawn by hand (not by egui_plot): `range` laid over
/// `length` points, round steps with labels at least `spacing` points apart, as the
/// value and its label.
pub fn labelled_marks(range: (f64, f64), length: f32, spacing: f32) -> Vec<(f64, String)> {
    if !(length > 0.0 && range.1 > range.0 && (range.1 - range.0).is_finite()) {
        return Vec::new();
    }
    let input = GridInput { bounds: range, base_step_size: (range.1 - range.0) / f64::from(length) * GRID_MIN_POINTS };
    let marks = round_marks(input, spacing);
    let step = marks.iter().map(|m| m.step_size).fold(0.0, f64::max);
    marks.into_iter().filter(|m| m.step_size == step).map(|m| (m.value, label(m))).collect()
}

/// The labelled marks of `range` over `length` points (see [`labelled_marks`]); where
/// they are fewer than three, `range` widened to whole round steps with labels at both
/// its ends, by the smallest step whose labels still stand `spacing` apart: 0 to 0.31 over
/// 60 points is drawn 0 to 0.4 and labelled 0, 0.2 and 0.4 rather than 0 and 0.2 alone.
pub fn widened_marks(range: (f64, f64), length: f32, spacing: f32) -> ((f64, f64), Vec<(f64, String)>) {
    let marks = labelled_marks(range, length, spacing);
    if marks.len() >= 3 || marks.is_empty() {
        return (range, marks);
    }
    let (length, spacing) = (f64::from(length), f64::from(spacing));
    let mut step = round_step(spacing * (range.1 - range.0) / length);
    for _ in 0..8 {
        // A little inwards, so that an end already on a step stays there.
        let (first, last) = ((range.0 / step + 1e-9).floor(), (range.1 / step - 1e-9).ceil());
        let widened = (first * step, last * step);
        if step * length / (widened.1 - widened.0) >= spacing * (1.0 - 1e-9) {
            let widened_marks = (first as i64..=last as i64)
                .map(|k| {
                    let value = k as f64 * step;
                    (value, label(GridMark { value, step_size: step }))
                })
                .collect();
            return (widened, widened_marks);
        }
        step = round_step(step * (1.0 + 1e-6));
    }
    (range, marks)
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
    fn an_axis_drawn_by_hand_labels_round_values_as_close_as_the_spacing_allows() {
        // −4 to 4 over 600 points, labels 61 points apart: a step of 1 (75 points).
        let marks = labelled_marks((-4.0, 4.0), 600.0, 61.0);
        let values: Vec<f64> = marks.iter().map(|(v, _)| *v).collect();
        assert_eq!(values, vec![-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(marks[4].1, "0");
        // An integrand from −0.3 to 1.9 over 150 points, labels 21 points apart: 0.5 apart.
        let marks = labelled_marks((-0.3, 1.9), 150.0, 21.0);
        let labels: Vec<&str> = marks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(labels, vec!["0.0", "0.5", "1.0", "1.5"]);
        assert!(labelled_marks((1.0, 1.0), 100.0, 20.0).is_empty());
        assert!(labelled_marks((0.0, 1.0), 0.0, 20.0).is_empty());
    }

    #[test]
    fn a_short_axis_is_widened_to_whole_steps_with_labels_at_both_ends() {
        // 0 to 0.31 over 60 points, labels 26 apart: 0 and 0.2 alone, so drawn 0 to 0.4.
        assert_eq!(labelled_marks((0.0, 0.31), 60.0, 26.0).len(), 2);
        let (shown, marks) = widened_marks((0.0, 0.31), 60.0, 26.0);
        assert!((shown.0 - 0.0).abs() < 1e-12 && (shown.1 - 0.4).abs() < 1e-12, "{shown:?}");
        let labels: Vec<&str> = marks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(labels, vec!["0.0", "0.2", "0.4"]);
        // Both signs, short: −0.3 to 0.8 over 60 points; in steps of 0.5 (−0.5 to 1) labels
        // would stand 20 points apart, so steps of 1, from −1 to 1.
        let (shown, marks) = widened_marks((-0.3, 0.8), 60.0, 21.0);
        assert_eq!(shown, (-1.0, 1.0), "{marks:?}");
        let labels: Vec<&str> = marks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(labels, vec!["-1", "0", "1"]);
        // Three labels already: the range stays as it is.
        let range = (-0.09, 1.15);
        assert_eq!(widened_marks(range, 100.0, 26.0), (range, labelled_marks(range, 100.0, 26.0)));
        assert_eq!(labelled_marks(range, 100.0, 26.0).len(), 3);
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

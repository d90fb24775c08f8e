//! What temperature does to entropy: H(softmax(z / T)) against T on a log axis for P and
//! Q, the current T marked, and the two limits labelled: as T → 0 the distribution is its
//! arg-max (H → log k for k tied largest logits), as T → ∞ it is uniform over the
//! possible outcomes (H → log m).

use eframe::egui::{self, RichText};
use egui_plot::{HLine, Line, LineStyle, PlotPoints, Points};

use super::{View, ViewInput};
use crate::app::edit::Action;
use crate::app::ui::Cached;
use crate::app::ui::theme;
use crate::info::Measure;
use crate::info::logits::{TemperatureLimits, entropy_at, log_spaced, temperature_limits};
use crate::info::{Side, Unit};
use crate::text;

/// Points on each curve.
const POINTS: usize = 121;
/// The range of the curve: the temperature slider's.
const LOW: f64 = 0.01;
const HIGH: f64 = 100.0;

/// One side's curve, in nats: (log10 T, H) points, the current (T, H) and the limits.
struct Curve {
    points: Vec<[f64; 2]>,
    current: [f64; 2],
    limits: Option<TemperatureLimits>,
}

#[derive(Default)]
pub struct TemperatureView {
    curves: Cached<u64, [Curve; 2]>,
}

fn curve(z: &[f64], t: f64) -> Curve {
    let entropy = |t: f64| entropy_at(z, t).unwrap_or(f64::NAN);
    let points = log_spaced(LOW, HIGH, POINTS).into_iter().map(|t| [t.log10(), entropy(t)]).collect();
    Curve { points, current: [t.log10(), entropy(t)], limits: temperature_limits(z) }
}

impl View for TemperatureView {
    fn id(&self) -> &'static str {
        "temperature"
    }

    fn title(&self) -> &'static str {
        "Temperature"
    }

    fn tooltip(&self) -> &'static str {
        "Entropy of softmax(z / T) as the temperature T goes from 0.01 to 100: the arg-max when cold, uniform when hot"
    }

    fn reveals(&self) -> &'static [Measure] {
        &[Measure::EntropyP, Measure::EntropyQ]
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        let doc = &input.state.doc;
        // P, Q and both temperatures change the revision; logits shifted all alike do not,
        // and do not change a single entropy either.
        let curves = self.curves.get(input.analysis.revision, || {
            [Side::P, Side::Q].map(|side| curve(&doc.logit_values(side), doc.temperature(side)))
        });
        // The entropies at T now and at both limits: near the answer, they would tell it.
        let entropies: Vec<f64> = curves
            .iter()
            .flat_map(|c| [c.current[1]].into_iter().chain(c.limits.map(|l| [l.cold, l.hot]).into_iter().flatten()))
            .collect();
        if super::guards::near_answer_ui(ui, input.concealed, &entropies, Unit::Nats) {
            return None;
        }
        temperature_ui(ui, curves, input.state.unit);
        None
    }
}

fn temperature_ui(ui: &mut egui::Ui, curves: &[Curve; 2], unit: Unit) {
    let log = unit.log_name();
    ui.label(
        RichText::new(format!("Entropy of softmax(z / T) against the temperature T, in {}", unit.name())).strong(),
    );
    for (side, curve) in [Side::P, Side::Q].into_iter().zip(curves) {
        let color = theme::color(ui, side);
        let Some(limits) = curve.limits else { continue };
        let at = |nats: f64| text::with_unit(unit.from_nats(nats), unit.name());
        let now = format!("at T = {}: H = {}", short(10f64.powf(curve.current[0])), at(curve.current[1]));
        let cold = format!("T → 0: {} ({})", at(limits.cold), arg_max(limits.tied));
        let hot = format!("T → ∞: {log} {} = {} (uniform)", limits.possible, at(limits.hot));
        ui.label(RichText::new(format!("{}  {now};  {cold};  {hot}", side.name())).color(color));
    }
    let colors = [theme::color(ui, Side::P), theme::color(ui, Side::Q)];
    let y_top = curves.iter().filter_map(|c| c.limits.map(|l| l.hot)).fold(0.0f64, f64::max) * 1.1;
    theme::still_plot("temperature_curve", ui.available_height())
        .include_x(LOW.log10())
        .include_x(HIGH.log10())
        .include_y(0.0)
        .include_y(unit.from_nats(y_top).max(0.1))
        .x_axis_label("temperature T (log scale)")
        .y_axis_label(format!("H ({})", unit.name()))
        .x_axis_formatter(|mark, _| short(10f64.powf(mark.value)))
        .show(ui, |plot_ui| {
            for (side, curve) in [Side::P, Side::Q].into_iter().zip(curves) {
                let color = colors[side.index()];
                let in_unit = |[x, h]: [f64; 2]| [x, unit.from_nats(h)];
                let points: Vec<[f64; 2]> = curve.points.iter().copied().map(in_unit).collect();
                plot_ui
                    .line(Line::new(format!("H({})", side.name()), PlotPoints::from(points)).color(color).width(2.5));
                let name = format!("{} now", side.name());
                plot_ui.points(Points::new(name, vec![in_unit(curve.current)]).color(color).radius(7.0).filled(true));
                if let Some(limits) = curve.limits {
                    for limit in [limits.cold, limits.hot] {
                        let line = HLine::new("", unit.from_nats(limit)).color(color.gamma_multiply(0.6));
                        plot_ui.hline(line.style(LineStyle::dashed_loose()).width(1.0));
                    }
                }
            }
        });
}

/// "the arg-max alone" or "log₂ 3: 3 tied largest logits".
fn arg_max(tied: usize) -> String {
    if tied == 1 { "the arg-max alone".into() } else { format!("{tied} tied largest logits share it") }
}

/// A temperature as read aloud: 0.01, 0.7, 1, 10, 100.
fn short(t: f64) -> String {
    if t >= 10.0 {
        format!("{t:.0}")
    } else {
        let fixed = format!("{t:.2}");
        fixed.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

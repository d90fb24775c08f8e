//! Inference on densities. With a conjugate model: log p(x), the ELBO and their gap
//! KL(q || posterior) as bars that always add up, and gradient ascent on the ELBO that
//! slides q onto the posterior. Without one: a Gaussian q fitted to P by reverse KL
//! (mode seeking) and by forward KL (moment matching), each drawn over the curves.

use eframe::egui::{self, Rect, RichText, Sense, pos2, vec2};

use super::measures::unless_near;
use crate::app::model::Mode;
use crate::app::model::densities::DensitiesDoc;
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::{fit_text, theme};
use crate::info::density::vi::ElboParts;
use crate::info::density::{Accuracy, Component, Mixture, fit_forward, fit_reverse};
use crate::info::{Measure, Unit};
use crate::lesson::Concealed;
use crate::text;

/// Room above and below a bar's name, in points.
const BAR_PADDING: f32 = 5.0;

/// The Gaussians fitted to P, for the P they were fitted to.
#[derive(Default)]
pub struct Fits {
    target: Option<Mixture>,
    drawn: Vec<(String, Component)>,
    /// What the last fit found, in words, with the numbers the words show (in the unit).
    said: Vec<(String, Vec<f64>)>,
}

impl Fits {
    /// The fitted Gaussians to draw: (name, q).
    pub fn drawn(&self) -> &[(String, Component)] {
        &self.drawn
    }
}

pub fn inference_ui(
    ui: &mut egui::Ui,
    doc: &mut DensitiesDoc,
    fits: &mut Fits,
    unit: Unit,
    mode: Mode,
    concealed: &Concealed,
    compact: bool,
) {
    match doc.model().cloned() {
        Some(model) => {
            let Some(state) = doc.vi else { return };
            elbo_ui(ui, &model.parts(&state.q()), unit, concealed, compact);
            ui.horizontal(|ui| {
                let (text, tip) = if doc.ascending {
                    ("Stop", "Stop the gradient ascent")
                } else {
                    ("Ascend", "Gradient ascent on the ELBO, a step a frame: watch q slide onto the posterior P")
                };
                if ui.add(egui::Button::new(text)).on_hover_text(tip).clicked() && mode == Mode::Live {
                    doc.ascending = !doc.ascending;
                }
                let prior = crate::info::density::vi::VariationalState { mean: 0.0, log_variance: 0.0 };
                if ui.add(egui::Button::new("q = prior")).on_hover_text("Start q again at the prior N(0, 1)").clicked()
                    && mode == Mode::Live
                {
                    doc.ascending = false;
                    doc.set_vi(prior);
                }
            });
            let q = state.q();
            let shown = |x: f64| unless_near(concealed, x, unit, text::sig4(x));
            ui.label(format!("q = N(m = {}, v = {})", shown(q.mean), shown(q.variance)));
        }
        None => fit_ui(ui, doc, fits, unit, mode, concealed),
    }
}

/// Three bars on one scale: log p(x) on top; under it the ELBO with the gap laid after
/// it, ending exactly where log p(x) ends.
/// `compact` (presentation mode) leaves out the note under the bars.
fn elbo_ui(ui: &mut egui::Ui, parts: &ElboParts, unit: Unit, concealed: &Concealed, compact: bool) {
    let [evidence, elbo, gap] = [parts.log_evidence, parts.elbo, parts.gap].map(|v| unit.from_nats(v));
    ui.label(RichText::new("log p(x) = ELBO + KL(q || posterior)").strong());
    // The gap is KL(Q||P) here (q is Q, the posterior P). Any two of the three numbers
    // give the third: while one is hidden, all three are.
    let hidden =
        concealed.hides(Measure::KlQP) || [evidence, elbo, gap].into_iter().any(|v| concealed.hides_number_in(v, unit));
    egui::Grid::new("elbo numbers").num_columns(2).show(ui, |ui| {
        for (name, value) in [("log p(x)", evidence), ("ELBO", elbo), ("KL(q||posterior)", gap)] {
            ui.label(name);
            let (shown, full) =
                if hidden { (HIDDEN.to_string(), HIDDEN.to_string()) } else { (text::sig4(value), text::full(value)) };
            let shown = ui.label(RichText::new(shown).strong());
            let label = format!("{name}\n{full}");
            shown.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
            ui.end_row();
        }
    });
    // A bar holds its name in body type.
    let font = theme::tick_font(ui);
    let row = ui.fonts_mut(|fonts| fonts.row_height(&font)) + 2.0 * BAR_PADDING;
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), 3.0 * row + 4.0), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "log p(x), the ELBO and the gap"));
    let low = evidence.min(elbo).min(0.0);
    let high = evidence.max(elbo).max(0.0);
    let span = (high - low).max(1e-9);
    let x = |v: f64| rect.left() + 4.0 + ((v - low) / span) as f32 * (rect.width() - 8.0);
    let painter = ui.painter_at(rect);
    let [evidence_bar, elbo_bar, gap_bar] = theme::elbo_bars(theme::palette(ui));
    let outside = ui.visuals().text_color();
    let bar = |index: f32, from: f64, to: f64, (fill, ink): (egui::Color32, egui::Color32), name: &str| {
        let (a, b) = (x(from).min(x(to)), x(from).max(x(to)));
        let top = rect.top() + index * row + 2.0;
        let bar = Rect::from_min_max(pos2(a, top), pos2(b.max(a + 1.0), top + row - 4.0));
        painter.rect_filled(bar, 2.0, fill);
        // The name inside its bar where it fits, else beside it on the panel, in the text colour.
        let width = fit_text::text_width(&painter, name, &font);
        let (at, align, color) = if width + 8.0 <= bar.width() {
            (pos2(bar.left() + 4.0, bar.center().y), egui::Align2::LEFT_CENTER, ink)
        } else if bar.right() + 4.0 + width <= rect.right() {
            (pos2(bar.right() + 4.0, bar.center().y), egui::Align2::LEFT_CENTER, outside)
        } else {
            (pos2(bar.left() - 4.0, bar.center().y), egui::Align2::RIGHT_CENTER, outside)
        };
        painter.text(at, align, name, font.clone(), color);
    };
    bar(0.0, 0.0, evidence, evidence_bar, "log p(x)");
    bar(1.0, 0.0, elbo, elbo_bar, "ELBO");
    bar(2.0, elbo, evidence, gap_bar, "gap = KL(q||posterior)");
    let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
    for at in [0.0, evidence] {
        painter.line_segment([pos2(x(at), rect.top()), pos2(x(at), rect.bottom())], stroke);
    }
    if !compact {
        ui.label(
            RichText::new(format!(
                "In {}: the ELBO and the gap laid end to end reach log p(x) exactly. Raising the ELBO can only close the gap.",
                unit.name()
            ))
            .small(),
        );
    }
}

fn fit_ui(ui: &mut egui::Ui, doc: &mut DensitiesDoc, fits: &mut Fits, unit: Unit, mode: Mode, concealed: &Concealed) {
    if fits.target.as_ref() != Some(doc.p()) {
        fits.target = Some(doc.p().clone());
        fits.drawn.clear();
        fits.said.clear();
    }
    ui.label(RichText::new("Fit a Gaussian q to P").strong());
    let live = mode == Mode::Live;
    ui.horizontal_wrapped(|ui| {
        if ui
            .add(egui::Button::new("By reverse KL(q||P)"))
            .on_hover_text("Minimise KL(q||P): q is punished for mass where P has little, and sits on one mode")
            .clicked()
            && live
        {
            let found = fit_reverse(doc.p(), Accuracy::default());
            fits.drawn.retain(|(name, _)| !name.starts_with("reverse"));
            fits.said.retain(|(s, _)| !s.starts_with("Reverse"));
            for (k, fit) in found.iter().enumerate() {
                // The best two are drawn (one on each mode); every minimum is listed.
                if k < 2 {
                    let name =
                        if k == 0 { "reverse KL: best".to_string() } else { format!("reverse KL: minimum {}", k + 1) };
                    fits.drawn.push((name, fit.component()));
                }
                let kl = unit.from_nats(fit.kl.value);
                let words = format!(
                    "Reverse, minimum {}: N({}, {}²), KL(q||P) = {} {}",
                    k + 1,
                    text::sig4(fit.mean),
                    text::sig4(fit.sd),
                    text::sig4(kl),
                    unit.name()
                );
                fits.said.push((words, vec![fit.mean, fit.sd, kl]));
            }
        }
        if ui
            .add(egui::Button::new("By forward KL(P||q)"))
            .on_hover_text("Minimise KL(P||q): q matches P's mean and variance and covers both modes")
            .clicked()
            && live
        {
            let fit = fit_forward(doc.p(), Accuracy::default());
            fits.drawn.retain(|(name, _)| !name.starts_with("forward"));
            fits.said.retain(|(s, _)| !s.starts_with("Forward"));
            fits.drawn.push(("forward KL".to_string(), fit.component()));
            let kl = unit.from_nats(fit.kl.value);
            let words = format!(
                "Forward: N({}, {}²), KL(P||q) = {} {}",
                text::sig4(fit.mean),
                text::sig4(fit.sd),
                text::sig4(kl),
                unit.name()
            );
            fits.said.push((words, vec![fit.mean, fit.sd, kl]));
        }
    });
    for (said, numbers) in &fits.said {
        // A fit's line shows whole or not at all.
        if numbers.iter().any(|&x| concealed.hides_number_in(x, unit)) {
            ui.label(RichText::new(format!("{}: {HIDDEN}", said.split(':').next().unwrap_or(said))).small());
        } else {
            ui.label(RichText::new(said).small());
        }
    }
    if !fits.drawn.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for (name, component) in fits.drawn.clone() {
                let button = egui::Button::new(format!("Use {name} as Q"));
                if ui.add_enabled(live, button).clicked()
                    && let Ok(q) = Mixture::single(component)
                {
                    doc.set_q(q);
                }
            }
        });
    }
}

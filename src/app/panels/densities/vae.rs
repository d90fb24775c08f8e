//! The VAE's KL term: an encoder's (μ, ln σ²) per latent dimension on sliders, the closed
//! form ½(μ² + σ² − 1 − ln σ²) of each dimension and their sum, what torch's
//! `kl_divergence(Normal(μ, σ), Normal(0, 1))` returns (one value per dimension, not
//! summed), and each N(μ, σ²) drawn against the prior N(0, 1).

use eframe::egui::{self, RichText, Sense, Stroke, vec2};

use super::canvas::Canvas;
use crate::app::ui::theme;
use crate::info::density::vae::Encoding;
use crate::info::libraries::torch_vae_kl;
use crate::info::{Side, Unit};
use crate::text;

/// Latent dimensions offered.
const DIMENSIONS: std::ops::RangeInclusive<usize> = 2..=4;

/// The encoder output being explored.
pub struct VaeState {
    encoding: Encoding,
}

impl Default for VaeState {
    fn default() -> Self {
        VaeState { encoding: Encoding { mu: vec![0.8, -0.3], log_var: vec![-1.0, 0.4] } }
    }
}

impl VaeState {
    pub fn ui(&mut self, ui: &mut egui::Ui, unit: Unit) {
        egui::CollapsingHeader::new("The VAE's KL term").id_salt("vae kl").show(ui, |ui| self.body_ui(ui, unit));
    }

    fn body_ui(&mut self, ui: &mut egui::Ui, unit: Unit) {
        let e = &mut self.encoding;
        let mut n = e.mu.len();
        ui.add(egui::Slider::new(&mut n, DIMENSIONS).text("latent dimensions"));
        e.mu.resize(n, 0.0);
        e.log_var.resize(n, 0.0);
        let per = e.per_dimension();
        let torch = torch_vae_kl(&e.mu, &e.log_var);
        let u = |nats: f64| text::sig4(unit.from_nats(nats));
        egui::Grid::new("vae dimensions").num_columns(3).spacing([8.0, 2.0]).show(ui, |ui| {
            for (d, ((mu, log_var), kl)) in e.mu.iter_mut().zip(e.log_var.iter_mut()).zip(&per).enumerate() {
                ui.label(RichText::new(format!("z{}", d + 1)).strong());
                ui.add(egui::Slider::new(mu, -3.0..=3.0).fixed_decimals(2).text(format!("μ{}", d + 1)));
                ui.label(format!("KL {}", u(*kl)));
                ui.end_row();
                ui.label("");
                ui.add(egui::Slider::new(log_var, -4.0..=2.0).fixed_decimals(2).text(format!("ln σ²{}", d + 1)));
                ui.end_row();
            }
        });
        let total: f64 = per.iter().sum();
        ui.label(format!("KL(N(μ, σ²) || N(0, I)) = Σ ½(μ² + σ² − 1 − ln σ²) = {} {}", u(total), unit.name()));
        let torch_text = torch.iter().map(|v| text::sig4(*v)).collect::<Vec<_>>().join(", ");
        ui.label(
            RichText::new(format!(
                "torch: kl_divergence(Normal(mu, torch.exp(0.5 * logvar)), Normal(0, 1)) = tensor([{torch_text}]) nats, \
                 one per dimension; .sum(-1) gives {}.",
                text::sig4(torch.iter().sum())
            ))
            .monospace()
            .small(),
        );
        let wrong: f64 = e.variance_as_scale().iter().sum();
        ui.label(
            RichText::new(format!(
                "Passing logvar.exp() (σ²) as the scale computes the KL of N(μ, σ⁴) instead: {} nats.",
                text::sig4(wrong)
            ))
            .small()
            .weak(),
        );
        picture_ui(ui, e);
    }
}

/// Each dimension's N(μ, σ²) (Q's colour) over the prior N(0, 1) (P's).
fn picture_ui(ui: &mut egui::Ui, e: &Encoding) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 90.0), Sense::hover());
    let sds: Vec<f64> = e.log_var.iter().map(|lv| (0.5 * lv).exp()).collect();
    let top = sds.iter().map(|sd| 1.0 / (sd * (2.0 * std::f64::consts::PI).sqrt())).fold(0.4f64, f64::max) * 1.1;
    let canvas = Canvas { rect: rect.shrink(4.0), x: (-4.0, 4.0), y: (0.0, top) };
    let painter = ui.painter_at(rect);
    let gauss = |mean: f64, sd: f64| {
        (0..=120).map(move |i| {
            let x = -4.0 + 8.0 * f64::from(i) / 120.0;
            let z = (x - mean) / sd;
            (x, (-0.5 * z * z).exp() / (sd * (2.0 * std::f64::consts::PI).sqrt()))
        })
    };
    painter.add(egui::Shape::line(canvas.line(gauss(0.0, 1.0)), Stroke::new(2.0, theme::color(ui, Side::P))));
    for (mu, sd) in e.mu.iter().zip(&sds) {
        painter.add(egui::Shape::line(canvas.line(gauss(*mu, *sd)), Stroke::new(1.5, theme::color(ui, Side::Q))));
    }
    painter.text(
        rect.left_top() + vec2(4.0, 2.0),
        egui::Align2::LEFT_TOP,
        "prior N(0, 1) and each N(μ, σ²)",
        egui::FontId::proportional(11.0),
        ui.visuals().weak_text_color(),
    );
}

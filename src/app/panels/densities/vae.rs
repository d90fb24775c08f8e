//! The VAE's KL term: an encoder's (μ, ln σ²) per latent dimension on sliders, the closed
//! form ½(μ² + σ² − 1 − ln σ²) of each dimension and their sum, what torch's
//! `kl_divergence(Normal(μ, σ), Normal(0, 1))` returns (one value per dimension, not
//! summed), and each N(μ, σ²) drawn against the prior N(0, 1).

use eframe::egui::{self, RichText, Sense, Stroke, vec2};

use super::canvas::Canvas;
use super::measures::unless_near;
use crate::app::ui::theme;
use crate::info::density::vae::{Encoding, EncodingBatch, kl_to_standard_normal};
use crate::info::libraries::torch_vae_kl;
use crate::info::{Side, Unit};
use crate::lesson::Concealed;
use crate::text;

/// Latent dimensions offered.
const DIMENSIONS: std::ops::RangeInclusive<usize> = 2..=4;

/// At most this many dimensions of a batch are listed one by one (the sum takes them all).
const LISTED_DIMENSIONS: usize = 32;

/// A batch opened from a file: its name, size, and each dimension's KL averaged over it.
pub struct Batch {
    pub from: String,
    pub rows: usize,
    /// Per dimension, the mean over the batch of ½(μ² + σ² − 1 − ln σ²), in nats.
    pub mean_per_dimension: Vec<f64>,
    /// The mean over the batch of each row's sum: `kl.sum(-1).mean()`, in nats.
    pub mean_total: f64,
}

impl Batch {
    pub fn new(from: String, batch: &EncodingBatch) -> Batch {
        let dims = batch.rows.first().map_or(0, |row| row.mu.len());
        let rows = batch.rows.len();
        let mean_per_dimension = (0..dims)
            .map(|d| {
                let sum: f64 = batch.rows.iter().map(|row| kl_to_standard_normal(row.mu[d], row.log_var[d])).sum();
                sum / rows.max(1) as f64
            })
            .collect();
        Batch { from, rows, mean_per_dimension, mean_total: batch.mean_total() }
    }
}

/// The encoder output being explored: on sliders, or a batch from a file.
pub struct VaeState {
    encoding: Encoding,
    pub batch: Option<Batch>,
    /// Opens the section on the next frame (a batch just arrived).
    reveal: bool,
}

impl Default for VaeState {
    fn default() -> Self {
        VaeState { encoding: Encoding { mu: vec![0.8, -0.3], log_var: vec![-1.0, 0.4] }, batch: None, reveal: false }
    }
}

impl VaeState {
    /// A batch read from `from` replaces the sliders until it is closed.
    pub fn use_batch(&mut self, from: String, batch: EncodingBatch) {
        self.batch = Some(Batch::new(from, &batch));
        self.reveal = true;
    }

    /// Draws the section; true when "Open a batch…" was pressed.
    pub fn ui(&mut self, ui: &mut egui::Ui, unit: Unit, concealed: &Concealed) -> bool {
        let mut header = egui::CollapsingHeader::new("The VAE's KL term").id_salt("vae kl");
        if std::mem::take(&mut self.reveal) {
            header = header.open(Some(true));
        }
        let mut open = false;
        header.show(ui, |ui| {
            let button = ui.button("Open a batch…").on_hover_text(
                "A .npy of shape (batch, 2·dims): each row μ for every dimension, then ln σ² for every dimension",
            );
            open = button.clicked();
            match &self.batch {
                Some(batch) => {
                    if batch_ui(ui, batch, unit, concealed) {
                        self.batch = None;
                    }
                }
                None => self.body_ui(ui, unit, concealed),
            }
        });
        open
    }

    fn body_ui(&mut self, ui: &mut egui::Ui, unit: Unit, concealed: &Concealed) {
        let e = &mut self.encoding;
        let mut n = e.mu.len();
        ui.add(egui::Slider::new(&mut n, DIMENSIONS).text("latent dimensions"));
        e.mu.resize(n, 0.0);
        e.log_var.resize(n, 0.0);
        let per = e.per_dimension();
        let torch = torch_vae_kl(&e.mu, &e.log_var);
        let u = |nats: f64| {
            let x = unit.from_nats(nats);
            unless_near(concealed, x, unit, text::sig4(x))
        };
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
        let torch_sum: f64 = torch.iter().sum();
        let hidden = torch.iter().chain([&torch_sum]).any(|&v| concealed.hides_number_in(v, Unit::Nats));
        let torch_text = if hidden {
            crate::app::ui::concealment::HIDDEN.to_string()
        } else {
            torch.iter().map(|v| text::sig4(*v)).collect::<Vec<_>>().join(", ")
        };
        ui.label(
            RichText::new(format!(
                "torch: kl_divergence(Normal(mu, torch.exp(0.5 * logvar)), Normal(0, 1)) = tensor([{torch_text}]) nats, \
                 one per dimension; .sum(-1) gives {}.",
                unless_near(concealed, torch_sum, Unit::Nats, text::sig4(torch_sum))
            ))
            .monospace()
            .small(),
        );
        let wrong: f64 = e.variance_as_scale().iter().sum();
        ui.label(
            RichText::new(format!(
                "Passing logvar.exp() (σ²) as the scale computes the KL of N(μ, σ⁴) instead: {} nats.",
                unless_near(concealed, wrong, Unit::Nats, text::sig4(wrong))
            ))
            .small()
            .weak(),
        );
        picture_ui(ui, e);
    }
}

/// A batch's KL per dimension, averaged over its rows, and their sum; true when "Back to
/// the sliders" was pressed.
fn batch_ui(ui: &mut egui::Ui, batch: &Batch, unit: Unit, concealed: &Concealed) -> bool {
    let dims = batch.mean_per_dimension.len();
    ui.label(RichText::new(format!("{}: {} rows, {dims} latent dimensions", batch.from, batch.rows)).small());
    let shown = |nats: f64| {
        let x = unit.from_nats(nats);
        unless_near(concealed, x, unit, text::sig4(x))
    };
    ui.label(format!("KL per dimension, averaged over the batch ({}):", unit.name()));
    egui::Grid::new("vae batch dimensions").num_columns(4).spacing([12.0, 2.0]).show(ui, |ui| {
        for (d, kl) in batch.mean_per_dimension.iter().take(LISTED_DIMENSIONS).enumerate() {
            let value = shown(*kl);
            let label = ui.label(format!("z{}: {value}", d + 1));
            let name = format!("z{} mean KL\n{value}", d + 1);
            label.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
            if d % 4 == 3 {
                ui.end_row();
            }
        }
    });
    if dims > LISTED_DIMENSIONS {
        ui.label(RichText::new(format!("… and {} more dimensions, all in the sum", dims - LISTED_DIMENSIONS)).small());
    }
    let total = shown(batch.mean_total);
    let sum = ui.label(
        RichText::new(format!("Sum over dimensions, averaged over the batch: {total} {}", unit.name())).strong(),
    );
    let name = format!("batch KL sum\n{total}");
    sum.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
    ui.label(
        RichText::new(
            "What kl_divergence(Normal(mu, torch.exp(0.5 * logvar)), Normal(0, 1)).sum(-1).mean() gives, in nats.",
        )
        .monospace()
        .small(),
    );
    ui.button("Back to the sliders").clicked()
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
        egui::TextStyle::Small.resolve(ui.style()),
        ui.visuals().weak_text_color(),
    );
}

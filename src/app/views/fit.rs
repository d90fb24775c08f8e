//! Fitting Q to P: Q is a discretised Gaussian over the ordered outcomes, moved by
//! gradient descent on forward KL(P||Q) or reverse KL(Q||P). The path is drawn over a map
//! of the divergence; the optimum of each direction is marked. Forward KL covers every
//! mode; reverse KL settles on one.

use eframe::egui::{self, Color32, RichText};
use egui_plot::{Bar, BarChart, Heatmap, Line, MarkerShape, PlotPoint, PlotPoints, Points};

use super::{View, ViewInput};
use crate::app::edit::{Action, Edit};
use crate::app::model::Mode;
use crate::app::ui::Cached;
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::{print, theme};
use crate::info::Measure;
use crate::info::fit::{self, Descent, FitResult, Grid, Params};
use crate::info::{Direction, Side, Unit};
use crate::scenario::Roles;
use crate::text;

/// Steps taken per frame while playing: slow enough to watch.
const STEPS_PER_FRAME: usize = 1;
/// Seed of the start points, so the same lesson replays the same way.
const SEED: u64 = 7;
/// Start points for each direction's search for its best optimum; fewer for long
/// distributions, where each descent costs more.
fn starts(n: usize) -> usize {
    if n > 200 { 3 } else { 8 }
}

/// Resolution of the divergence map, coarser for long distributions.
fn grid_steps(n: usize) -> (usize, usize) {
    if n > 200 { (24, 18) } else { (48, 36) }
}

pub struct FitView {
    direction: Direction,
    descent: Option<Descent>,
    path: Vec<Params>,
    playing: bool,
    /// Which start point the next Reset uses.
    next_start: usize,
    /// The divergence over (μ, σ) for P and the direction; it depends on nothing else, so
    /// dragging Q costs nothing here.
    grid: Cached<(u64, Direction), Grid>,
    /// The best forward and reverse fits of P.
    optima: Cached<u64, (FitResult, FitResult)>,
}

impl Default for FitView {
    fn default() -> Self {
        FitView {
            direction: Direction::Reverse,
            descent: None,
            path: Vec::new(),
            playing: false,
            next_start: 0,
            grid: Cached::default(),
            optima: Cached::default(),
        }
    }
}

impl View for FitView {
    fn id(&self) -> &'static str {
        "fit"
    }

    fn title(&self) -> &'static str {
        "Fit Q to P"
    }

    fn tooltip(&self) -> &'static str {
        "Fit a Gaussian Q to P by forward or reverse KL: mode covering against mode seeking"
    }

    fn reveals(&self) -> &'static [Measure] {
        &[Measure::KlPQ, Measure::KlQP]
    }

    fn max_outcomes(&self) -> Option<usize> {
        Some(super::MAX_DETAILED_OUTCOMES)
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        fit_ui(ui, input, self)
    }
}

impl FitView {
    /// Recomputes the map and the optima when P or the direction changed. While a bar is
    /// being dragged the old ones stay (fitting from eight starts takes longer than a
    /// frame); they follow when the bar is let go.
    fn refresh(&mut self, p: &[f64], p_revision: u64, dragging: bool) {
        let direction = self.direction;
        let (mu_steps, sigma_steps) = grid_steps(p.len());
        let new_map =
            self.grid.update((p_revision, direction), dragging, || fit::grid(p, direction, mu_steps, sigma_steps));
        self.optima.update(p_revision, dragging, || {
            let starts = starts(p.len());
            (fit::fit(p, Direction::Forward, starts, SEED), fit::fit(p, Direction::Reverse, starts, SEED))
        });
        if new_map {
            self.reset(p);
        }
    }

    /// Starts again from the next start point (the reverse direction's starts are
    /// spread out, so resets show that the mode it finds depends on where it starts).
    fn reset(&mut self, p: &[f64]) {
        let starts = animation_starts(p, self.direction);
        let start = starts.get(self.next_start % starts.len().max(1)).copied();
        self.next_start += 1;
        self.playing = false;
        self.descent = start.map(|s| Descent::new(p, s, self.direction));
        self.path = start.into_iter().collect();
    }

    fn step(&mut self, p: &[f64]) -> bool {
        let Some(descent) = &mut self.descent else {
            return false;
        };
        let moved = descent.step(p);
        if moved {
            self.path.push(descent.params);
        }
        moved
    }
}

/// Where the animation starts: first a start that makes the lesson visible (forward: a
/// narrow bump off to one side that must spread out; reverse: a middling bump off centre
/// that slides into the nearer mode), then the search's own start points.
fn animation_starts(p: &[f64], direction: Direction) -> Vec<Params> {
    let n = p.len();
    let demo = match direction {
        Direction::Forward => Params { mu: n as f64 / 4.0, sigma: 1.0 },
        Direction::Reverse => Params { mu: 0.35 * (n as f64 - 1.0), sigma: (n as f64 / 10.0).max(1.0) },
    };
    std::iter::once(demo.clamped(n)).chain(fit::start_points(p, direction, starts(n), SEED)).collect()
}

/// Draws the view. A picture for export does not move the animation on.
fn fit_ui(ui: &mut egui::Ui, input: &ViewInput<'_>, fit_state: &mut FitView) -> Option<Action> {
    let analysis = input.analysis;
    let animate = input.mode == Mode::Live;
    let dragging = ui.input(|i| i.pointer.any_down());
    fit_state.refresh(&analysis.p, analysis.p_revision, dragging);
    let unit = input.state.unit;
    let mut command = None;
    let p = &analysis.p;
    let n = p.len();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Fit Q by").strong())
            .on_hover_text("Q is a Gaussian bump over the outcomes, moved to make this divergence small");
        let before = fit_state.direction;
        let label = |d: Direction| format!("{} {}", d.name(), d.symbol());
        ui.selectable_value(&mut fit_state.direction, Direction::Forward, label(Direction::Forward))
            .on_hover_text("Punishes Q for missing anything P does: Q spreads to cover every mode");
        ui.selectable_value(&mut fit_state.direction, Direction::Reverse, label(Direction::Reverse))
            .on_hover_text("Punishes Q for putting mass where P has little: Q locks onto one mode");
        if fit_state.direction != before {
            fit_state.next_start = 0;
            fit_state.refresh(p, analysis.p_revision, false);
        }
        if print::printing(ui) {
            return;
        }
        ui.separator();
        let play = if fit_state.playing { "■ Pause" } else { "▶ Play" };
        if ui.button(play).on_hover_text("Run gradient descent, one step per frame").clicked() {
            fit_state.playing = !fit_state.playing;
        }
        if ui.button("Step").on_hover_text("One step of gradient descent").clicked() {
            fit_state.playing = false;
            fit_state.step(p);
        }
        if ui.button("↺ Reset").on_hover_text("Start again, from the next start point").clicked() {
            fit_state.reset(p);
        }
        if let Some(descent) = &fit_state.descent
            && ui.button("Use as Q").on_hover_text("Replace Q with the fitted bump (undo brings Q back)").clicked()
        {
            command = Some(Edit::SetDistribution { side: Side::Q, values: fit::gaussian(n, descent.params) }.into());
        }
    });
    if fit_state.playing && animate {
        let mut moved = false;
        for _ in 0..STEPS_PER_FRAME {
            moved |= fit_state.step(p);
        }
        if moved {
            ui.ctx().request_repaint();
        } else {
            fit_state.playing = false;
        }
    }
    if fit_state.descent.as_ref().is_some_and(|d| !d.value.is_finite()) {
        ui.label(
            RichText::new(
                "KL(Q||P) is ∞ for every Gaussian here: each puts some mass where P has 0. \
                 Pick an ε-floor or smoothing under Zeros, or fit forward.",
            )
            .color(theme::alarm(ui)),
        );
    } else if let Some(descent) = &fit_state.descent
        && (input.concealed.hides_number_in(descent.value, Unit::Nats)
            || [descent.params.mu, descent.params.sigma].iter().any(|x| input.concealed.hides_number(*x)))
    {
        // The fit's numbers are close to the open question's answer: the line waits.
        ui.label(format!(
            "μ, σ and {} of the fit = {HIDDEN} until the question is answered",
            fit_state.direction.symbol()
        ));
    } else if let Some(descent) = &fit_state.descent {
        ui.label(status_text(descent, fit_state.playing, n, unit));
    }
    let height = ui.available_height().max(120.0);
    ui.columns(2, |columns| {
        map_ui(&mut columns[0], fit_state, height);
        shapes_ui(&mut columns[1], p, fit_state, height, &input.state.doc.roles);
    });
    command
}

/// Where the descent stands, in words that are true of it: not started, descending,
/// paused, converged (and whether at the widest σ allowed), or out of steps.
pub fn status_text(descent: &Descent, playing: bool, n: usize, unit: Unit) -> String {
    let Params { mu, sigma } = descent.params;
    let name = descent.direction().symbol();
    let value = text::with_unit(unit.from_nats(descent.value), unit);
    // "Bump": the measures beside it are the editor's Q's, not this one's.
    let here = format!("Bump μ = {mu:.2}, σ = {sigma:.2}: {name} = {value}");
    let steps = match descent.steps {
        1 => "1 step".to_string(),
        k => format!("{k} steps"),
    };
    let widest = *fit::sigma_range(n).end();
    if descent.converged {
        let edge = if sigma >= widest { ", at the widest σ allowed" } else { "" };
        format!("{here} after {steps} (converged{edge})")
    } else if descent.is_finished() {
        format!("{here} after {steps} (stopped: the most steps a descent may take)")
    } else if playing {
        format!("{here} after {steps} (descending)")
    } else if descent.steps == 0 {
        format!(
            "{here} at the start: press ▶ Play or Step to descend (Q in the bars, and its measures, change only with Use as Q)"
        )
    } else {
        format!("{here} after {steps} (paused)")
    }
}

/// The σ marks of the map's log axis, where they fall inside it and have room.
const SIGMA_MARKS: [f64; 9] = [0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0];

/// The marks of [`SIGMA_MARKS`] inside `low..=high`, each at least `room` (in the map's
/// log units) above the one before, so their labels never overlap.
fn sigma_marks(low: f64, high: f64, room: f64) -> Vec<egui_plot::GridMark> {
    let mut marks: Vec<egui_plot::GridMark> = Vec::new();
    for s in SIGMA_MARKS.into_iter().filter(|s| (low..=high).contains(s)) {
        let y = map_y(s);
        if marks.last().is_none_or(|last| y - last.value >= room) {
            marks.push(egui_plot::GridMark { value: y, step_size: 1.0 });
        }
    }
    marks
}

/// A σ mark as a reader writes it: 0.5, 1, 20.
fn sigma_label(y: f64) -> String {
    let sigma = 10f64.powf(y);
    if sigma >= 1.0 { format!("{sigma:.0}") } else { format!("{sigma:.1}") }
}

/// The map's y coordinate of a width σ: its log, so a narrow bump and a wide one get the
/// same room.
fn map_y(sigma: f64) -> f64 {
    sigma.log10()
}

/// The divergence over (μ, σ), the path taken, and both optima, each in its direction's
/// colour and with its own mark, named in the key above the map.
fn map_ui(ui: &mut egui::Ui, fit_state: &FitView, height: f32) {
    let Some(grid) = fit_state.grid.value() else {
        return;
    };
    let path_color = theme::ink_on(theme::heat(0.0));
    let (forward_color, reverse_color) =
        (theme::kl_direction(ui, Direction::Forward), theme::kl_direction(ui, Direction::Reverse));
    let heatmap = heatmap_of(grid);
    let path: Vec<[f64; 2]> = fit_state.path.iter().map(|s| [s.mu, map_y(s.sigma)]).collect();
    let current = path.last().copied();
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 8.0;
        ui.label(RichText::new("■ forward best").small().strong().color(forward_color));
        ui.label(RichText::new("◆ reverse best").small().strong().color(reverse_color));
        ui.label(RichText::new("◉ now").small().strong());
        ui.label(RichText::new("light: larger").small());
    });
    let key_height = ui.cursor().top() - top;
    let (low, high) = (grid.sigma.first().copied().unwrap_or(1.0), grid.sigma.last().copied().unwrap_or(1.0));
    theme::still_plot("fit map", height - key_height)
        .x_axis_label("μ (outcome)")
        .y_axis_label("σ (log scale)")
        .y_axis_formatter(|mark, _| sigma_label(mark.value))
        // base_step_size is 8 points of the axis; a label needs about 20.
        .y_grid_spacer(move |input| sigma_marks(low, high, 2.5 * input.base_step_size))
        .show(ui, |plot_ui| {
            if let Some(heatmap) = heatmap {
                plot_ui.heatmap(heatmap);
            }
            plot_ui.line(Line::new("path", PlotPoints::from(path)).color(path_color).width(2.0));
            if let Some(point) = current {
                // Ringed, so it reads on the map in either theme.
                let ring = theme::ink_on(path_color);
                plot_ui.points(Points::new("", vec![point]).radius(8.0).color(ring).filled(true));
                plot_ui.points(Points::new("", vec![point]).radius(6.0).color(path_color).filled(true));
            }
            if let Some((forward, reverse)) = fit_state.optima.value() {
                // A halo in the path's ink under each, so both read on any shade of the map.
                let marker = |name: &str, r: &FitResult, color: Color32, shape, radius: f32| {
                    Points::new(name.to_string(), vec![[r.params.mu, map_y(r.params.sigma)]])
                        .radius(radius)
                        .shape(shape)
                        .color(color)
                        .filled(true)
                };
                for (r, color, shape) in
                    [(forward, forward_color, MarkerShape::Square), (reverse, reverse_color, MarkerShape::Diamond)]
                {
                    plot_ui.points(marker("", r, path_color, shape, 10.0));
                    plot_ui.points(marker("", r, color, shape, 8.0));
                }
            }
        });
}

/// Dark where the divergence is small, light where it is large (log scale).
fn heatmap_of(grid: &Grid) -> Option<Heatmap> {
    let (cols, rows) = (grid.mu.len(), grid.sigma.len());
    if cols < 2 || rows < 2 || grid.values.len() != cols * rows {
        return None;
    }
    // Shade up to the 90th percentile: the few huge values at tiny σ would otherwise
    // leave everything else the same dark colour.
    let mut finite: Vec<f64> = grid.values.iter().copied().filter(|v| v.is_finite()).collect();
    finite.sort_by(f64::total_cmp);
    let low = finite.first().copied().unwrap_or(0.0);
    let high = finite.get(finite.len() * 9 / 10).copied().unwrap_or(low);
    let scale = ((high - low).max(1e-12)).ln_1p();
    let shade =
        move |v: f64| -> f64 { if v.is_finite() { ((v - low).max(0.0).ln_1p() / scale).min(1.0) } else { 1.0 } };
    let values: Vec<f64> = grid.values.iter().map(|&v| shade(v)).collect();
    let dmu = grid.mu[1] - grid.mu[0];
    // The σ of the grid are evenly spaced on the map's log axis.
    let dy = map_y(grid.sigma[1]) - map_y(grid.sigma[0]);
    let shades: Vec<Color32> = (0..=4).map(|k| theme::heat(k as f32 / 4.0)).collect();
    Some(
        Heatmap::new(values, cols)
            .at(PlotPoint::new(grid.mu[0] - dmu / 2.0, map_y(grid.sigma[0]) - dy / 2.0))
            .tile_size(dmu as f32, dy as f32)
            .show_labels(false)
            .range(0.0, 1.0)
            .palette(&shades)
            .name("divergence (light = large)"),
    )
}

/// P as bars and the current Gaussian Q as a line over the outcomes.
fn shapes_ui(ui: &mut egui::Ui, p: &[f64], fit_state: &FitView, height: f32, roles: &Roles) {
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    let q = fit_state.descent.as_ref().map(|d| fit::gaussian(p.len(), d.params)).unwrap_or_default();
    // P solid in its Okabe–Ito fill, not egui_plot's default 20% tint: it reads on a projector.
    let p_fill = theme::fill(ui, Side::P);
    let bars: Vec<Bar> = p
        .iter()
        .enumerate()
        .map(|(i, &v)| Bar::new(i as f64, v).width(0.8).fill(p_fill).stroke(egui::Stroke::new(1.0, p_color)))
        .collect();
    let line: Vec<[f64; 2]> = q.iter().enumerate().map(|(i, &v)| [i as f64, v]).collect();
    // The key above the plot, not a legend inside it over P's bars.
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 8.0;
        ui.label(RichText::new(format!("█ {}", roles.named(Side::P))).small().strong().color(p_color));
        ui.label(RichText::new(format!("●─ fitted {}", roles.named(Side::Q))).small().strong().color(q_color));
    });
    let key_height = ui.cursor().top() - top;
    theme::still_plot("fit shapes", height - key_height).x_axis_label("outcome").include_y(0.0).show(ui, |plot_ui| {
        plot_ui.bar_chart(BarChart::new("P", bars).color(p_fill));
        plot_ui.line(Line::new("fitted Q", PlotPoints::from(line.clone())).color(q_color).width(3.0));
        plot_ui.points(Points::new("", line).color(q_color).radius(3.0).filled(true));
    });
}

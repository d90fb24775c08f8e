//! The geometry of asymmetry: every distribution of two outcomes is a point on a line,
//! of three a point in a triangle. Over them, KL(P||x) and KL(x||P) as curves or as a
//! heat map with contours, P and Q marked; Q and P can be dragged on the triangle.

mod curves;
pub mod geometry;
mod map;
mod triangle;

use eframe::egui::{self, RichText};

use super::{View, ViewInput};
use crate::app::edit::Action;
use crate::app::ui::Cached;
use crate::info::Measure;
use crate::info::{Direction, Unit};
use crate::text::thousands;
use geometry::Triangle;
use map::Map;

/// What the map's cache is keyed by: P's revision, the direction, the unit, dark mode.
type MapKey = (u64, Direction, Unit, bool);

#[derive(Default)]
pub struct SimplexView {
    direction: Direction,
    map: Cached<MapKey, Map>,
    /// The map's image on the GPU, with the context it belongs to (a picture is drawn in
    /// a context of its own) and the map generation it shows.
    texture: Option<(egui::Context, u64, egui::TextureHandle)>,
    /// Counts maps computed, so the texture knows when it is stale.
    generation: u64,
    triangle: triangle::TriangleState,
}

/// Where the triangle was drawn in the last frame, if it was (tests, the benchmark).
pub fn layout(ctx: &egui::Context) -> Option<Triangle> {
    ctx.data(|data| data.get_temp(layout_id()))
}

fn layout_id() -> egui::Id {
    egui::Id::unique("simplex_triangle")
}

impl View for SimplexView {
    fn id(&self) -> &'static str {
        "simplex"
    }

    fn title(&self) -> &'static str {
        "Simplex"
    }

    fn tooltip(&self) -> &'static str {
        "Every distribution of two or three outcomes at once: KL(P||x) and KL(x||P) over all of them"
    }

    fn reveals(&self) -> &'static [Measure] {
        &[Measure::KlPQ, Measure::KlQP]
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        // Q's point sits on the map at the value of KL(P||Q) (or KL(Q||P)).
        let n = input.analysis.p.len();
        if n != 3 {
            ui.ctx().data_mut(|data| data.remove::<Triangle>(layout_id()));
        }
        match n {
            2 => {
                curves::curves_ui(ui, input);
                None
            }
            3 => self.three_ui(ui, input),
            _ => {
                ui.add_space(12.0);
                let outcomes = if n == 1 { "1 outcome".to_string() } else { format!("{} outcomes", thousands(n)) };
                ui.label(RichText::new(format!(
                    "The simplex needs two or three outcomes: two make a line of distributions, three a \
                     triangle. This scenario has {outcomes}."
                )));
                None
            }
        }
    }
}

impl SimplexView {
    fn three_ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        // The heading, then the switch on a line of its own: wrapped after the heading,
        // the unchosen direction read as a second title.
        ui.label(RichText::new("Every distribution x of three outcomes").strong());
        ui.horizontal(|ui| {
            ui.label("Colour by");
            for direction in Direction::ALL {
                let text = geometry::direction_symbol(direction);
                let hover = match direction {
                    Direction::Forward => "How much x fails to cover P: ∞ where x rules out an outcome of P",
                    Direction::Reverse => "How much x strays where P is small: ∞ where x puts mass P rules out",
                };
                if ui.selectable_label(self.direction == direction, text).on_hover_text(hover).clicked() {
                    self.direction = direction;
                }
            }
        });
        let p = &input.analysis.p;
        let (direction, unit, dark) = (self.direction, input.state.unit, ui.visuals().dark_mode);
        if self.map.update((input.analysis.p_revision, direction, unit, dark), false, || {
            Map::compute(p, direction, unit, dark)
        }) {
            self.generation += 1;
        }
        let map = self.map.value()?;
        let texture = texture_for(&mut self.texture, ui.ctx(), self.generation, map);
        let drawn = triangle::Drawing { input, map, texture, direction };
        let (triangle, command) = self.triangle.ui(ui, &drawn);
        ui.ctx().data_mut(|data| data.insert_temp(layout_id(), triangle));
        command
    }
}

/// The map's texture in this context, uploaded again only when the map or the context
/// changed.
fn texture_for(
    slot: &mut Option<(egui::Context, u64, egui::TextureHandle)>,
    ctx: &egui::Context,
    generation: u64,
    map: &Map,
) -> egui::TextureId {
    match slot {
        Some((owner, shown, handle)) if owner == ctx => {
            if *shown != generation {
                handle.set(map.image.clone(), egui::TextureOptions::LINEAR);
                *shown = generation;
            }
            handle.id()
        }
        _ => {
            let handle = ctx.load_texture("simplex_map", map.image.clone(), egui::TextureOptions::LINEAR);
            let id = handle.id();
            *slot = Some((ctx.clone(), generation, handle));
            id
        }
    }
}
